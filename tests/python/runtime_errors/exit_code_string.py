import_free = True
raise SystemExit("fatal: configuration missing")
