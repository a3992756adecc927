while True:

pass
