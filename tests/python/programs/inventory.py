inventory = {"apple": (0.5, 10), "pear": (0.75, 4), "kiwi": (0.3, 0)}
def value(items):
    return sum([price * qty for price, qty in items.values()])
print(f"total value: {value(inventory):.2f}")
in_stock = {name: qty for name, (price, qty) in inventory.items() if qty > 0}
print(in_stock)
restock = dict(inventory)
restock["kiwi"] = (0.3, 20)
print(sorted(restock.items(), key=lambda kv: kv[1][0] * kv[1][1], reverse=True)[0][0])
