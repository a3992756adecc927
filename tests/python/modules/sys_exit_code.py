# sys.exit(N) ends the program with exit status N
import sys

print("exiting")
sys.exit(3)
print("never")
