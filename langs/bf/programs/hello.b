Hello world: prints Hello comma World and a newline

(Comments may use any character except the eight commands; so no commas and
no full stops in here)

Cells: c0 counts ten rounds; each round adds 7/10/3/1 to c1/c2/c3/c4
++++++++++ [ >+++++++ >++++++++++ >+++ >+ <<<<- ]
c1=70 c2=100 c3=30 c4=10
>++ .                         H (72)
>+ . +++++++ . . +++ .        e l l o (101 108 108 111)
>++++++++++++++ .             comma (44)
------------ .                space (32)
<<+++++++++++++++ .           W (87)
> . +++ . ------ . -------- . o r l d (111 114 108 100)
>+ .                          exclamation mark (33)
>.                            newline (10)
