x = 3
print(x)
type Alias = int
