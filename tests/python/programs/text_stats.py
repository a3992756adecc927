text = "It was the best of times, it was the worst of times."
letters = [c.lower() for c in text if c.isalpha()]
freq = {}
for c in letters:
    freq[c] = freq.get(c, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(letters), top)
words = [w.strip(".,").lower() for w in text.split()]
print(sorted({w: 0 for w in words}))
print(" ".join([w.capitalize() for w in words]))
