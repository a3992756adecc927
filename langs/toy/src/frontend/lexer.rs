//! The lexer: source text to tokens, one at a time (so that the first error in source order
//! is the one reported).

use std::fmt;

use super::error::SyntaxError;

/// The kind of a token, with its value for literals and identifiers.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal, escapes already resolved.
    Str(String),
    /// An identifier.
    Ident(String),
    /// `let`
    Let,
    /// `fn`
    Fn,
    /// `class`
    Class,
    /// `if`
    If,
    /// `else`
    Else,
    /// `while`
    While,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return`
    Return,
    /// `throw`
    Throw,
    /// `try`
    Try,
    /// `catch`
    Catch,
    /// `true`
    True,
    /// `false`
    False,
    /// `nil`
    Nil,
    /// `and`
    And,
    /// `or`
    Or,
    /// `not`
    Not,
    /// `self`
    SelfKw,
    /// `super`
    Super,
    /// `in`
    In,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `.`
    Dot,
    /// `=`
    Assign,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `&`
    Amp,
    /// `|`
    Pipe,
    /// `^`
    Caret,
    /// `~`
    Tilde,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `:`
    Colon,
    /// The end of the source.
    Eof,
}

impl TokenKind {
    /// The keyword token spelled `word`, if it is one.
    fn keyword(word: &str) -> Option<TokenKind> {
        Some(match word {
            "let" => TokenKind::Let,
            "fn" => TokenKind::Fn,
            "class" => TokenKind::Class,
            "if" => TokenKind::If,
            "else" => TokenKind::Else,
            "while" => TokenKind::While,
            "break" => TokenKind::Break,
            "continue" => TokenKind::Continue,
            "return" => TokenKind::Return,
            "throw" => TokenKind::Throw,
            "try" => TokenKind::Try,
            "catch" => TokenKind::Catch,
            "true" => TokenKind::True,
            "false" => TokenKind::False,
            "nil" => TokenKind::Nil,
            "and" => TokenKind::And,
            "or" => TokenKind::Or,
            "not" => TokenKind::Not,
            "self" => TokenKind::SelfKw,
            "super" => TokenKind::Super,
            "in" => TokenKind::In,
            _ => return None,
        })
    }

    /// The fixed spelling of a keyword or punctuation token.
    fn spelling(&self) -> Option<&'static str> {
        Some(match self {
            TokenKind::Let => "let",
            TokenKind::Fn => "fn",
            TokenKind::Class => "class",
            TokenKind::If => "if",
            TokenKind::Else => "else",
            TokenKind::While => "while",
            TokenKind::Break => "break",
            TokenKind::Continue => "continue",
            TokenKind::Return => "return",
            TokenKind::Throw => "throw",
            TokenKind::Try => "try",
            TokenKind::Catch => "catch",
            TokenKind::True => "true",
            TokenKind::False => "false",
            TokenKind::Nil => "nil",
            TokenKind::And => "and",
            TokenKind::Or => "or",
            TokenKind::Not => "not",
            TokenKind::SelfKw => "self",
            TokenKind::Super => "super",
            TokenKind::In => "in",
            TokenKind::LParen => "(",
            TokenKind::RParen => ")",
            TokenKind::LBrace => "{",
            TokenKind::RBrace => "}",
            TokenKind::LBracket => "[",
            TokenKind::RBracket => "]",
            TokenKind::Comma => ",",
            TokenKind::Semi => ";",
            TokenKind::Dot => ".",
            TokenKind::Assign => "=",
            TokenKind::EqEq => "==",
            TokenKind::NotEq => "!=",
            TokenKind::Lt => "<",
            TokenKind::Le => "<=",
            TokenKind::Gt => ">",
            TokenKind::Ge => ">=",
            TokenKind::Plus => "+",
            TokenKind::Minus => "-",
            TokenKind::Star => "*",
            TokenKind::Slash => "/",
            TokenKind::Percent => "%",
            TokenKind::Amp => "&",
            TokenKind::Pipe => "|",
            TokenKind::Caret => "^",
            TokenKind::Tilde => "~",
            TokenKind::Shl => "<<",
            TokenKind::Shr => ">>",
            TokenKind::Colon => ":",
            TokenKind::Int(_)
            | TokenKind::Float(_)
            | TokenKind::Str(_)
            | TokenKind::Ident(_)
            | TokenKind::Eof => return None,
        })
    }
}

/// How a token is named in error messages: a backquoted spelling for keywords and
/// punctuation, `identifier` / `number` / `string` plus the text, or `end of input`.
impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.spelling() {
            return write!(f, "`{s}`");
        }
        match self {
            TokenKind::Int(i) => write!(f, "number `{i}`"),
            TokenKind::Float(x) => write!(f, "number `{x:?}`"),
            TokenKind::Str(s) => write!(f, "string {s:?}"),
            TokenKind::Ident(name) => write!(f, "identifier `{name}`"),
            _ => write!(f, "end of input"),
        }
    }
}

/// A token and the 1-based position of its first character.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
}

/// Produces the tokens of a source text one by one.
pub struct Lexer<'a> {
    /// The remaining source, from the current position on.
    rest: std::iter::Peekable<std::str::Chars<'a>>,
    /// Current line (1-based).
    line: u32,
    /// Current column (1-based, in characters).
    col: u32,
    /// Position just after the last token, where `Eof` is reported.
    end: (u32, u32),
}

/// Whether `c` can start an identifier.
fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// Whether `c` can continue an identifier.
fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `source`.
    pub fn new(source: &'a str) -> Lexer<'a> {
        Lexer {
            rest: source.chars().peekable(),
            line: 1,
            col: 1,
            end: (1, 1),
        }
    }

    /// The next character, without consuming it.
    fn peek(&mut self) -> Option<char> {
        self.rest.peek().copied()
    }

    /// Consume one character, keeping track of the position.
    fn bump(&mut self) -> Option<char> {
        let c = self.rest.next()?;
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    /// Consume the next character if it is `c`.
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// An error at the current position.
    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError::new(self.line, self.col, message)
    }

    /// Skip whitespace and `//` comments.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') => {
                    let mut ahead = self.rest.clone();
                    ahead.next();
                    if ahead.next() != Some('/') {
                        return;
                    }
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                _ => return,
            }
        }
    }

    /// The next token; `Eof` (repeatedly) at the end.
    pub fn next_token(&mut self) -> Result<Token, SyntaxError> {
        self.skip_trivia();
        let (line, col) = (self.line, self.col);
        let Some(c) = self.bump() else {
            return Ok(Token {
                kind: TokenKind::Eof,
                line: self.end.0,
                col: self.end.1,
            });
        };
        let kind = match c {
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            '{' => TokenKind::LBrace,
            '}' => TokenKind::RBrace,
            '[' => TokenKind::LBracket,
            ']' => TokenKind::RBracket,
            ',' => TokenKind::Comma,
            ';' => TokenKind::Semi,
            '.' => TokenKind::Dot,
            '+' => TokenKind::Plus,
            '-' => TokenKind::Minus,
            '*' => TokenKind::Star,
            '/' => TokenKind::Slash,
            '%' => TokenKind::Percent,
            '^' => TokenKind::Caret,
            '~' => TokenKind::Tilde,
            ':' => TokenKind::Colon,
            '=' if self.eat('=') => TokenKind::EqEq,
            '=' => TokenKind::Assign,
            '<' if self.eat('=') => TokenKind::Le,
            '<' if self.eat('<') => TokenKind::Shl,
            '<' => TokenKind::Lt,
            '>' if self.eat('=') => TokenKind::Ge,
            '>' if self.eat('>') => TokenKind::Shr,
            '>' => TokenKind::Gt,
            '!' if self.eat('=') => TokenKind::NotEq,
            '!' => {
                return Err(SyntaxError::new(
                    line,
                    col,
                    "unexpected character `!` (use `not`)",
                ))
            }
            '&' if self.peek() == Some('&') => {
                return Err(SyntaxError::new(line, col, "unexpected `&&` (use `and`)"))
            }
            '|' if self.peek() == Some('|') => {
                return Err(SyntaxError::new(line, col, "unexpected `||` (use `or`)"))
            }
            '&' => TokenKind::Amp,
            '|' => TokenKind::Pipe,
            '"' => self.string(line, col)?,
            c if c.is_ascii_digit() => self.number(c, line, col)?,
            c if is_ident_start(c) => {
                let mut word = String::from(c);
                while let Some(c) = self.peek().filter(|&c| is_ident_char(c)) {
                    word.push(c);
                    self.bump();
                }
                TokenKind::keyword(&word).unwrap_or(TokenKind::Ident(word))
            }
            c => {
                let shown = if c.is_control() {
                    format!("{c:?}")
                } else {
                    format!("`{c}`")
                };
                return Err(SyntaxError::new(
                    line,
                    col,
                    format!("unexpected character {shown}"),
                ));
            }
        };
        self.end = (self.line, self.col);
        Ok(Token { kind, line, col })
    }

    /// Lex the rest of a string literal whose opening quote is at `(line, col)`.
    fn string(&mut self, line: u32, col: u32) -> Result<TokenKind, SyntaxError> {
        let mut value = String::new();
        loop {
            let (esc_line, esc_col) = (self.line, self.col);
            match self.bump() {
                None | Some('\n') => {
                    return Err(SyntaxError::new(line, col, "unterminated string literal"))
                }
                Some('"') => return Ok(TokenKind::Str(value)),
                Some('\\') => {
                    let resolved = match self.peek() {
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some('0') => '\0',
                        Some('\\') => '\\',
                        Some('"') => '"',
                        None | Some('\n') => {
                            return Err(SyntaxError::new(line, col, "unterminated string literal"))
                        }
                        Some(other) => {
                            let shown = if other.is_control() {
                                format!("{other:?}")
                            } else {
                                format!("`\\{other}`")
                            };
                            return Err(SyntaxError::new(
                                esc_line,
                                esc_col,
                                format!("unknown escape sequence {shown}"),
                            ));
                        }
                    };
                    self.bump();
                    value.push(resolved);
                }
                Some(c) => value.push(c),
            }
        }
    }

    /// Lex the rest of a number literal starting with digit `first` at `(line, col)`.
    fn number(&mut self, first: char, line: u32, col: u32) -> Result<TokenKind, SyntaxError> {
        let mut text = String::from(first);
        let mut is_float = false;
        self.digits(&mut text);
        if self.peek() == Some('.') {
            let mut ahead = self.rest.clone();
            ahead.next();
            if ahead.next().is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                text.push('.');
                self.bump();
                self.digits(&mut text);
            }
        }
        if let Some(e) = self.peek().filter(|&c| c == 'e' || c == 'E') {
            is_float = true;
            text.push(e);
            self.bump();
            if let Some(sign) = self.peek().filter(|&c| c == '+' || c == '-') {
                text.push(sign);
                self.bump();
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.error_here("expected digits in the exponent of a float literal"));
            }
            self.digits(&mut text);
        }
        if let Some(c) = self.peek().filter(|&c| is_ident_char(c)) {
            return Err(self.error_here(format!("invalid character `{c}` in number literal")));
        }
        if is_float {
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(TokenKind::Float(x)),
                _ => Err(SyntaxError::new(
                    line,
                    col,
                    format!("float literal `{text}` is out of range"),
                )),
            }
        } else {
            text.parse::<i64>().map(TokenKind::Int).map_err(|_| {
                SyntaxError::new(
                    line,
                    col,
                    format!("integer literal `{text}` does not fit in 64 bits"),
                )
            })
        }
    }

    /// Append a run of ASCII digits to `text`.
    fn digits(&mut self, text: &mut String) {
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            text.push(c);
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All tokens of `src` (without the final `Eof`), as `(kind, line, col)`.
    fn lex(src: &str) -> Result<Vec<(TokenKind, u32, u32)>, SyntaxError> {
        let mut lexer = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = lexer.next_token()?;
            if t.kind == TokenKind::Eof {
                return Ok(out);
            }
            out.push((t.kind, t.line, t.col));
        }
    }

    fn kinds(src: &str) -> Vec<TokenKind> {
        lex(src).unwrap().into_iter().map(|t| t.0).collect()
    }

    fn lex_err(src: &str) -> (u32, u32, String) {
        let e = lex(src).unwrap_err();
        (e.line, e.col, e.message)
    }

    #[test]
    fn tokens_and_positions() {
        use TokenKind::*;
        let toks = lex("let x = 10; // c\n  fn f(a) { return a >= 2.5; }").unwrap();
        let expect = vec![
            (Let, 1, 1),
            (Ident("x".into()), 1, 5),
            (Assign, 1, 7),
            (Int(10), 1, 9),
            (Semi, 1, 11),
            (Fn, 2, 3),
            (Ident("f".into()), 2, 6),
            (LParen, 2, 7),
            (Ident("a".into()), 2, 8),
            (RParen, 2, 9),
            (LBrace, 2, 11),
            (Return, 2, 13),
            (Ident("a".into()), 2, 20),
            (Ge, 2, 22),
            (Float(2.5), 2, 25),
            (Semi, 2, 28),
            (RBrace, 2, 30),
        ];
        assert_eq!(toks, expect);
    }

    #[test]
    fn all_operators_and_keywords() {
        use TokenKind::*;
        assert_eq!(
            kinds("== != < <= > >= = + - * / % . , ; ( ) [ ] { }"),
            vec![
                EqEq, NotEq, Lt, Le, Gt, Ge, Assign, Plus, Minus, Star, Slash, Percent, Dot, Comma,
                Semi, LParen, RParen, LBracket, RBracket, LBrace, RBrace
            ]
        );
        assert_eq!(
            kinds("let fn class if else while break continue return throw try catch true false nil and or not self selfish _a1"),
            vec![
                Let, Fn, Class, If, Else, While, Break, Continue, Return, Throw, Try, Catch, True,
                False, Nil, And, Or, Not, SelfKw, Ident("selfish".into()), Ident("_a1".into())
            ]
        );
    }

    #[test]
    fn numbers() {
        use TokenKind::*;
        assert_eq!(
            kinds("0 123 1.5 2.0e-3 1e9 1E+2 9223372036854775807 3.x 4..5"),
            vec![
                Int(0),
                Int(123),
                Float(1.5),
                Float(2.0e-3),
                Float(1e9),
                Float(100.0),
                Int(i64::MAX),
                Int(3),
                Dot,
                Ident("x".into()),
                Int(4),
                Dot,
                Dot,
                Int(5)
            ]
        );
        assert_eq!(kinds(".5"), vec![Dot, Int(5)]);
        assert_eq!(kinds("a-1"), vec![Ident("a".into()), Minus, Int(1)]);
    }

    #[test]
    fn strings() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#""a\n\t\\\"\r\0b" "" "é""#),
            vec![
                Str("a\n\t\\\"\r\0b".into()),
                Str(String::new()),
                Str("é".into())
            ]
        );
    }

    #[test]
    fn columns_count_chars() {
        let toks = lex("\"ééé\" x").unwrap();
        assert_eq!((toks[1].1, toks[1].2), (1, 7));
    }

    #[test]
    fn lexical_errors() {
        assert_eq!(
            lex_err("x = 9223372036854775808;"),
            (
                1,
                5,
                "integer literal `9223372036854775808` does not fit in 64 bits".into()
            )
        );
        assert_eq!(
            lex_err("x = \"abc"),
            (1, 5, "unterminated string literal".into())
        );
        assert_eq!(
            lex_err("x = \"abc\ny\";"),
            (1, 5, "unterminated string literal".into())
        );
        assert_eq!(
            lex_err("x = \"a\\qb\";"),
            (1, 7, "unknown escape sequence `\\q`".into())
        );
        assert_eq!(
            lex_err("x = \"a\\"),
            (1, 5, "unterminated string literal".into())
        );
        assert_eq!(
            lex_err("\n  x @ 1"),
            (2, 5, "unexpected character `@`".into())
        );
        assert_eq!(
            lex_err("!x"),
            (1, 1, "unexpected character `!` (use `not`)".into())
        );
        assert_eq!(
            lex_err("a && b"),
            (1, 3, "unexpected `&&` (use `and`)".into())
        );
        assert_eq!(
            lex_err("1e+;"),
            (
                1,
                4,
                "expected digits in the exponent of a float literal".into()
            )
        );
        assert_eq!(
            lex_err("12ab"),
            (1, 3, "invalid character `a` in number literal".into())
        );
        assert_eq!(
            lex_err("1e999"),
            (1, 1, "float literal `1e999` is out of range".into())
        );
        assert_eq!(
            lex_err("x\u{7}"),
            (1, 2, "unexpected character '\\u{7}'".into())
        );
    }

    #[test]
    fn eof_is_after_last_token() {
        let mut lexer = Lexer::new("a  // comment\n\n");
        assert_eq!(
            lexer.next_token().unwrap().kind,
            TokenKind::Ident("a".into())
        );
        let eof = lexer.next_token().unwrap();
        assert_eq!((eof.kind, eof.line, eof.col), (TokenKind::Eof, 1, 2));
        assert_eq!(lexer.next_token().unwrap().kind, TokenKind::Eof);
    }
}
