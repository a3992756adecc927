Reverse: prints its input backwards

Reads bytes into c1 and c2 and so on until the end of the input then walks
back printing each one
At the end of the input a read leaves its cell as it was: zero here since
every cell starts at zero; so does a zero byte (the input stops there)
c0 stays zero and stops the walk back

>,[>,]      read into c1 and on until a read leaves a zero
<[.<]       walk back printing each cell down to c1
