class Temperature:
    def __init__(self, celsius):
        if celsius < -273.15:
            raise ValueError(f"below absolute zero: {celsius}")
        self.celsius = celsius
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32
for c in [25, -300, 100]:
    try:
        t = Temperature(c)
        print(c, "->", t.fahrenheit())
    except ValueError as e:
        print("error:", e)
