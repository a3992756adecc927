# str membership, repetition, concatenation, comparison (lexicographic, by code point), min/max
print("ell" in "hello", "" in "abc", "" in "", "lo!" in "hello", "H" in "hello", "hello" in "hello")
print("ab" * 3, 3 * "ab", "x" * 0, "x" * -2, repr("" * 100), "-" * 10)
print("abc" + "def", "a" + "" + "b", "con" "cat" "enated")
print("abc" < "abd", "abc" < "ab", "" < "a", "Z" < "a", "a" < "B", "apple" < "apples", "é" > "z")
print("abc" == "abc", "abc" != "ABC", "abc" <= "abc", "b" >= "abc", "10" < "9", "A" < "a" < "ä")
print(sorted(["b", "A", "a", "B", "ä", "10", "9", ""]))
print(min("hello", "world"), max(["apple", "Apple", "APPLE"]), min("zyx"), max("a😀z") == "😀")
print("abc" == ["a", "b", "c"], "1" == 1, "" == None)
s = "spam"
t = "".join(["sp", "am"])
print(s == t, s + s == s * 2, len(s * 1000), (s * 3).count("spam"))
acc = ""
for ch in "abc":
    acc += ch * 2
print(acc, acc[::2], acc.upper())
try:
    "a" < 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * 2.0
except TypeError as e:
    print("TypeError:", e)
try:
    1 in "abc"
except TypeError as e:
    print("TypeError:", e)
