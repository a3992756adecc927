from __future__ import nosuch_feature
