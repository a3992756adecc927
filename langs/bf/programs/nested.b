Nested counting loops: a benchmark of loops inside loops

Prints the letters A to Z; before each letter six nested loops count down
(5 then 10 then 10 then 10 then 10 rounds around an innermost loop that
clears a cell of 25) so nearly all the time goes to the inner loops

Cells: c0 letters left   c1 the letter   c2 to c7 the loop counters

++++++++++ ++++++++++ ++++++               c0 = 26
>>++++++++[<++++++++>-]<+                  c1 = 65 (eight times eight plus one)
<[                                         while c0 is not zero
  >.+                                      print c1 then step it
  >+++++[                                  c2 = 5
    >++++++++++[                           c3 = 10
      >++++++++++[                         c4 = 10
        >++++++++++[                       c5 = 10
          >++++++++++[                     c6 = 10
            >+++++++++++++++++++++++++     c7 = 25
            [-]                            the innermost loop
          <-]
        <-]
      <-]
    <-]
  <-]
  <<-                                      back to c0 and count it down
]
>>++++++++++.                              a newline from c2
