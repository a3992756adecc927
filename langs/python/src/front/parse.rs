//! The parser front end: runs `ruff_python_parser` (targeting Python 3.11) and converts its
//! tree into jitpy's own ([`crate::front::ast`]). This is the only module that names the
//! parser's crates. Parse errors become CPython-worded `SyntaxError`s and
//! `IndentationError`s where the case is known; syntax newer than 3.11 is a `SyntaxError`
//! as CPython 3.11 reports it ("invalid syntax"); valid Python that jitpy does not compile
//! yet is a `NotImplementedError` naming the construct.

use num_bigint::BigInt;
use ruff_python_ast as py;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_parser::{
    LexicalErrorType, Mode, ParseError, ParseErrorType, ParseOptions, UnsupportedSyntaxError,
    UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{Ranged, TextRange};

use crate::front::ast::*;
use crate::front::error::{CompileError, ErrorKind, LineIndex};

/// Parses a module's source into jitpy's syntax tree.
pub fn parse_module(source: &str) -> Result<Vec<Stmt>, CompileError> {
    let parsed = parse_checked(source, Mode::Module)?;
    let Some(module) = parsed.try_into_module() else {
        return Err(CompileError::syntax("invalid syntax", Span::default()));
    };
    let converter = Converter { source };
    converter.stmts(&module.into_syntax().body)
}

/// Parses the source of an expression (`compile()`'s `'eval'` mode) into an expression
/// statement.
pub fn parse_expression(source: &str) -> Result<Stmt, CompileError> {
    let parsed = parse_checked(source, Mode::Expression)?;
    let py::Mod::Expression(expression) = parsed.into_syntax() else {
        return Err(CompileError::syntax("invalid syntax", Span::default()));
    };
    let converter = Converter { source };
    let body = &expression.body;
    Ok(Stmt {
        kind: StmtKind::Expr(converter.expr(body)?),
        span: span(body.range()),
    })
}

/// Parses `source` in `mode`, reporting its first error as CPython 3.11 would.
fn parse_checked(
    source: &str,
    mode: Mode,
) -> Result<ruff_python_parser::Parsed<py::Mod>, CompileError> {
    let options = ParseOptions::from(mode).with_target_version(py::PythonVersion {
        major: 3,
        minor: 11,
    });
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    if let Some(error) = parsed.errors().first() {
        return Err(parse_error(source, error, parsed.tokens()));
    }
    if let Some(error) = parsed.unsupported_syntax_errors().first() {
        return Err(newer_syntax(source, error));
    }
    Ok(parsed)
}

/// Syntax of a Python newer than 3.11: CPython 3.11 does not know it. A `type X = ...`
/// statement is reported at its name (3.11 reads `type` as a name followed by another).
fn newer_syntax(source: &str, error: &UnsupportedSyntaxError) -> CompileError {
    let at = span(error.range);
    if matches!(error.kind, UnsupportedSyntaxErrorKind::TypeAliasStatement) {
        let line = &source[at.start as usize..];
        let rest = &line[..line.find('\n').unwrap_or(line.len())];
        let after_keyword = rest.find(char::is_whitespace).unwrap_or(0);
        let name_at =
            after_keyword + rest[after_keyword..].len() - rest[after_keyword..].trim_start().len();
        let name_len = rest[name_at..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(0);
        let start = at.start + name_at as u32;
        return CompileError::syntax(
            "invalid syntax",
            Span {
                start,
                end: start + name_len as u32,
            },
        );
    }
    CompileError::syntax("invalid syntax", at)
}

fn span(range: TextRange) -> Span {
    Span {
        start: range.start().to_u32(),
        end: range.end().to_u32(),
    }
}

/// The CPython wording and position of a parse error, where jitpy knows the case.
fn parse_error(source: &str, error: &ParseError, tokens: &Tokens) -> CompileError {
    let at = span(error.location);
    let lines = LineIndex::new(source);
    match &error.error {
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let text =
                source[at.start as usize..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if text.starts_with("'''") || text.starts_with("\"\"\"") {
                // Detected at the end of the source.
                let (line, _) = lines.line_col(source, source.trim_end_matches(['\n', '\r']).len());
                return CompileError::syntax(
                    format!("unterminated triple-quoted string literal (detected at line {line})"),
                    Span {
                        start: at.start,
                        end: at.start,
                    },
                );
            }
            let (line, _) = lines.line_col(source, at.start as usize);
            CompileError::syntax(
                format!("unterminated string literal (detected at line {line})"),
                Span {
                    start: at.start,
                    end: at.start,
                },
            )
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            // CPython points just past the end of the offending line.
            let line_end = source[at.start as usize..]
                .find('\n')
                .map_or(source.len(), |n| at.start as usize + n);
            let line_end = line_end as u32;
            CompileError {
                kind: ErrorKind::Indentation,
                message: "unindent does not match any outer indentation level".into(),
                span: Span {
                    start: line_end,
                    end: line_end,
                },
                caret: true,
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::Eof) => unclosed_bracket(source, tokens)
            .unwrap_or_else(|| CompileError::syntax("unexpected EOF while parsing", at)),
        ParseErrorType::UnexpectedIndentation => CompileError {
            kind: ErrorKind::Indentation,
            message: "unexpected indent".into(),
            span: at,
            caret: true,
        }
        .without_caret(),
        ParseErrorType::OtherError(message)
            if message.starts_with("Expected an indented block") =>
        {
            indented_block_expected(source, &lines, message, at)
        }
        ParseErrorType::OtherError(message) if slash_error(message, false).is_some() => {
            // A `def`'s parameters follow `(`, a lambda's do not.
            let in_lambda = !source[..at.start as usize].trim_end().ends_with('(');
            CompileError::syntax(
                slash_error(message, in_lambda).unwrap_or("invalid syntax"),
                at,
            )
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            ..
        } => CompileError::syntax(
            "expected ':'",
            Span {
                start: at.start,
                end: at.start,
            },
        ),
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) if tok.is_ascii() => {
            CompileError::syntax(
                "invalid syntax",
                Span {
                    start: at.start,
                    end: at.start,
                },
            )
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            CompileError::syntax(
                format!("invalid character '{tok}' (U+{:04X})", u32::from(*tok)),
                at,
            )
        }
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget => invalid_target(source, &error.error, at),
        ParseErrorType::PositionalAfterKeywordArgument => {
            // CPython points just after the argument.
            CompileError::syntax(
                "positional argument follows keyword argument",
                Span {
                    start: at.end,
                    end: at.end,
                },
            )
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            match defaults_only_after_slash(tokens, at) {
                // CPython's grammar names the case only when a default comes before `/` or
                // there is no `/`; else it is invalid syntax at the token after the parameter.
                Some(next) => CompileError::syntax(
                    "invalid syntax",
                    Span {
                        start: next,
                        end: next,
                    },
                ),
                None => CompileError::syntax("non-default argument follows default argument", at),
            }
        }
        // As CPython, a generic error in a source whose brackets are not all closed is
        // reported as the innermost unclosed bracket; two expressions side by side inside
        // brackets are a missing comma.
        _ => match unclosed_bracket(source, tokens) {
            Some(error) => error,
            None => missing_comma(tokens, at).unwrap_or_else(|| {
                CompileError::syntax(
                    "invalid syntax",
                    Span {
                        start: at.start,
                        end: at.start,
                    },
                )
            }),
        },
    }
}

/// For a parameter without a default at `at` after one with a default: where the next
/// token starts, if the parameter list has a `/` before its first default; else `None`.
fn defaults_only_after_slash(tokens: &Tokens, at: Span) -> Option<u32> {
    let all: Vec<_> = tokens.iter().collect();
    let index = all.iter().position(|t| t.start().to_u32() == at.start)?;
    let mut depth = 0i32;
    let mut slash_seen = false;
    for token in all[..index].iter().rev() {
        match token.kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace if depth == 0 => break,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
            TokenKind::Lambda if depth == 0 => break,
            TokenKind::Slash if depth == 0 => slash_seen = true,
            TokenKind::Equal if depth == 0 && slash_seen => return None,
            _ => {}
        }
    }
    if !slash_seen {
        return None;
    }
    all[index..]
        .iter()
        .find(|t| t.start().to_u32() >= at.end && !t.kind().is_trivia())
        .map(|t| t.start().to_u32())
}

/// CPython's message for ruff's error about a misplaced positional-only separator `/`
/// (a lambda's leading `/` is only invalid syntax to CPython).
fn slash_error(message: &str, in_lambda: bool) -> Option<&'static str> {
    match message {
        "Position-only parameter separator not allowed as first parameter" if in_lambda => {
            Some("invalid syntax")
        }
        "Position-only parameter separator not allowed as first parameter" => {
            Some("at least one argument must precede /")
        }
        "Only one '/' separator allowed" => Some("/ may appear only once"),
        "'/' parameter must appear before '*' parameter" => Some("/ must be ahead of *"),
        _ => None,
    }
}

/// CPython's message for an assignment to something that is not a target.
fn invalid_target(source: &str, error: &ParseErrorType, at: Span) -> CompileError {
    let text = source.get(at.start as usize..at.end as usize).unwrap_or("");
    let what = describe_target(text);
    if matches!(what, "None" | "True" | "False") {
        return CompileError::syntax(format!("cannot assign to {what}"), at);
    }
    let message = match error {
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {what}"),
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!("'{what}' is an illegal expression for augmented assignment")
        }
        ParseErrorType::InvalidNamedAssignmentTarget => {
            format!("cannot use assignment expressions with {what}")
        }
        _ => format!("cannot assign to {what}"),
    };
    // CPython suggests `==` where the target parses as an operand (not a lambda or a
    // conditional expression).
    let operand = matches!(what, "literal" | "function call" | "expression");
    let message = if matches!(error, ParseErrorType::InvalidAssignmentTarget) && operand {
        format!("{message} here. Maybe you meant '==' instead of '='?")
    } else {
        message
    };
    CompileError::syntax(message, at)
}

/// How CPython names an expression it cannot assign to, judged from its text.
fn describe_target(text: &str) -> &'static str {
    let text = text.trim();
    let first = text.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || first == '"' || first == '\'' || first == '.' {
        return "literal";
    }
    if let Some(keyword) = ["None", "True", "False"].into_iter().find(|k| *k == text) {
        return keyword;
    }
    if text.ends_with(')') && !text.starts_with('(') {
        return "function call";
    }
    if text.contains(" if ") {
        return "conditional expression";
    }
    if text.contains(['+', '-', '*', '/', '%', '&', '|', '^']) {
        return "expression";
    }
    if text.starts_with("lambda") {
        return "lambda";
    }
    "expression"
}

/// CPython's "Perhaps you forgot a comma?": inside brackets, the error is at a token that
/// starts an expression right after one that ends an expression (reported from the
/// earlier one, an atom here, to the end of the later one).
fn missing_comma(tokens: &Tokens, at: Span) -> Option<CompileError> {
    let all: Vec<_> = tokens.iter().collect();
    let index = all.iter().position(|t| t.start().to_u32() == at.start)?;
    let (previous, current) = (all.get(index.checked_sub(1)?)?, all[index]);
    let mut depth = 0i32;
    for token in &all[..index] {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
            _ => {}
        }
    }
    let ends_atom = |k: TokenKind| {
        matches!(
            k,
            TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::String
                | TokenKind::Rpar
                | TokenKind::Rsqb
                | TokenKind::Rbrace
        )
    };
    let starts_atom = |k: TokenKind| {
        matches!(
            k,
            TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::String
                | TokenKind::Lpar
                | TokenKind::Lsqb
                | TokenKind::Lbrace
        )
    };
    if depth <= 0 || !ends_atom(previous.kind()) || !starts_atom(current.kind()) {
        return None;
    }
    Some(CompileError::syntax(
        "invalid syntax. Perhaps you forgot a comma?",
        Span {
            start: previous.start().to_u32(),
            end: current.end().to_u32(),
        },
    ))
}

/// CPython's "'(' was never closed": the innermost bracket left open at the end.
fn unclosed_bracket(source: &str, tokens: &Tokens) -> Option<CompileError> {
    let mut open: Vec<(usize, char)> = Vec::new();
    for token in tokens.iter() {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                let start = token.start().to_usize();
                let bracket = source[start..].chars().next().unwrap_or('(');
                open.push((start, bracket));
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().map(|&(start, bracket)| {
        CompileError::syntax(
            format!("'{bracket}' was never closed"),
            Span {
                start: start as u32,
                end: start as u32 + 1,
            },
        )
    })
}

/// CPython's "expected an indented block after 'if' statement on line N", reported at the
/// statement that should have been indented.
fn indented_block_expected(
    source: &str,
    lines: &LineIndex,
    message: &str,
    at: Span,
) -> CompileError {
    let clause = message.trim_start_matches("Expected an indented block after ");
    // CPython's names of the clauses.
    let clause = match clause {
        "`class` definition" => "class definition".to_string(),
        "function definition" => clause.to_string(),
        other => other.replace(" clause", " statement").replace('`', "'"),
    };
    let (line, _) = lines.line_col(source, at.start as usize);
    let header = (1..line)
        .rev()
        .find(|&l| {
            let text = lines.line_text(source, l).trim();
            !text.is_empty() && !text.starts_with('#')
        })
        .unwrap_or(line);
    CompileError {
        kind: ErrorKind::Indentation,
        message: format!("expected an indented block after {clause} on line {header}"),
        span: Span {
            start: at.start,
            end: at.start,
        },
        caret: true,
    }
}

/// Converts the parser's tree, rejecting constructs jitpy does not compile yet.
struct Converter<'s> {
    source: &'s str,
}

type Converted<T> = Result<T, CompileError>;

impl Converter<'_> {
    fn stmts(&self, body: &[py::Stmt]) -> Converted<Vec<Stmt>> {
        body.iter().map(|stmt| self.stmt(stmt)).collect()
    }

    fn stmt(&self, stmt: &py::Stmt) -> Converted<Stmt> {
        let at = span(stmt.range());
        let kind = match stmt {
            py::Stmt::FunctionDef(def) => {
                if def.is_async {
                    return Err(CompileError::unsupported("'async def'", at));
                }
                if def.type_params.is_some() {
                    return Err(CompileError::syntax("invalid syntax", at));
                }
                StmtKind::FunctionDef(Box::new(FunctionDef {
                    name: ident(&def.name),
                    params: self.params(&def.parameters)?,
                    body: self.stmts(&def.body)?,
                    decorators: self.decorators(&def.decorator_list)?,
                    is_lambda: false,
                }))
            }
            py::Stmt::ClassDef(class) => {
                let mut bases = Vec::new();
                let mut keywords = Vec::new();
                if let Some(arguments) = &class.arguments {
                    for keyword in arguments.keywords.iter() {
                        keywords.push(Keyword {
                            name: keyword.arg.as_ref().map(ident),
                            value: self.expr(&keyword.value)?,
                        });
                    }
                    for base in arguments.args.iter() {
                        if base.is_starred_expr() {
                            return Err(CompileError::unsupported(
                                "'*' in class bases",
                                span(base.range()),
                            ));
                        }
                        bases.push(self.expr(base)?);
                    }
                }
                StmtKind::ClassDef(Box::new(ClassDef {
                    name: ident(&class.name),
                    bases,
                    keywords,
                    body: self.stmts(&class.body)?,
                    decorators: self.decorators(&class.decorator_list)?,
                }))
            }
            py::Stmt::Return(ret) => StmtKind::Return(self.opt_expr(ret.value.as_deref())?),
            py::Stmt::Delete(del) => StmtKind::Delete(self.exprs(&del.targets)?),
            py::Stmt::Assign(assign) => StmtKind::Assign {
                targets: self.exprs(&assign.targets)?,
                value: self.expr(&assign.value)?,
            },
            py::Stmt::AugAssign(aug) => StmtKind::AugAssign {
                target: self.expr(&aug.target)?,
                op: bin_op(aug.op),
                value: self.expr(&aug.value)?,
            },
            py::Stmt::AnnAssign(ann) => StmtKind::AnnAssign {
                target: self.expr(&ann.target)?,
                annotation: self.expr(&ann.annotation)?,
                value: self.opt_expr(ann.value.as_deref())?,
                simple: ann.simple,
            },
            py::Stmt::For(for_) => {
                if for_.is_async {
                    return Err(CompileError::unsupported("'async for'", at));
                }
                StmtKind::For {
                    target: self.expr(&for_.target)?,
                    iter: self.expr(&for_.iter)?,
                    body: self.stmts(&for_.body)?,
                    orelse: self.stmts(&for_.orelse)?,
                }
            }
            py::Stmt::While(while_) => StmtKind::While {
                test: self.expr(&while_.test)?,
                body: self.stmts(&while_.body)?,
                orelse: self.stmts(&while_.orelse)?,
            },
            py::Stmt::If(if_) => {
                // `elif`/`else` clauses become nested `If`s in `orelse`, last first.
                let mut orelse = Vec::new();
                for clause in if_.elif_else_clauses.iter().rev() {
                    let body = self.stmts(&clause.body)?;
                    orelse = match &clause.test {
                        Some(test) => vec![Stmt {
                            kind: StmtKind::If {
                                test: self.expr(test)?,
                                body,
                                orelse,
                            },
                            span: span(clause.range),
                        }],
                        None => body,
                    };
                }
                StmtKind::If {
                    test: self.expr(&if_.test)?,
                    body: self.stmts(&if_.body)?,
                    orelse,
                }
            }
            py::Stmt::Raise(raise) => StmtKind::Raise {
                exc: self.opt_expr(raise.exc.as_deref())?,
                cause: self.opt_expr(raise.cause.as_deref())?,
            },
            py::Stmt::Try(try_) => {
                if try_.is_star {
                    return Err(CompileError::unsupported("'except*'", at));
                }
                let mut handlers = Vec::new();
                for handler in &try_.handlers {
                    let py::ExceptHandler::ExceptHandler(handler) = handler;
                    handlers.push(Handler {
                        type_: self.opt_expr(handler.type_.as_deref())?,
                        name: handler.name.as_ref().map(ident),
                        body: self.stmts(&handler.body)?,
                        span: span(handler.range),
                    });
                }
                StmtKind::Try(Box::new(Try {
                    body: self.stmts(&try_.body)?,
                    handlers,
                    orelse: self.stmts(&try_.orelse)?,
                    finalbody: self.stmts(&try_.finalbody)?,
                }))
            }
            py::Stmt::Assert(assert) => StmtKind::Assert {
                test: self.expr(&assert.test)?,
                msg: self.opt_expr(assert.msg.as_deref())?,
            },
            py::Stmt::Global(global) => StmtKind::Global(global.names.iter().map(ident).collect()),
            py::Stmt::Nonlocal(nonlocal) => {
                StmtKind::Nonlocal(nonlocal.names.iter().map(ident).collect())
            }
            py::Stmt::Expr(expr) => StmtKind::Expr(self.expr(&expr.value)?),
            py::Stmt::Pass(_) => StmtKind::Pass,
            py::Stmt::Break(_) => StmtKind::Break,
            py::Stmt::Continue(_) => StmtKind::Continue,
            py::Stmt::With(with) => {
                if with.is_async {
                    return Err(CompileError::unsupported("'async with'", at));
                }
                let mut items = Vec::with_capacity(with.items.len());
                for item in &with.items {
                    items.push((
                        self.expr(&item.context_expr)?,
                        self.opt_expr(item.optional_vars.as_deref())?,
                    ));
                }
                StmtKind::With {
                    items,
                    body: self.stmts(&with.body)?,
                }
            }
            py::Stmt::Match(match_) => {
                let mut cases = Vec::with_capacity(match_.cases.len());
                for case in &match_.cases {
                    cases.push(MatchCase {
                        pattern: self.pattern(&case.pattern)?,
                        guard: self.opt_expr(case.guard.as_deref())?,
                        body: self.stmts(&case.body)?,
                    });
                }
                StmtKind::Match {
                    subject: self.expr(&match_.subject)?,
                    cases,
                }
            }
            py::Stmt::Import(import) => {
                if import.is_lazy {
                    return Err(CompileError::syntax("invalid syntax", at));
                }
                StmtKind::Import(import.names.iter().map(alias).collect())
            }
            py::Stmt::ImportFrom(import) => {
                if import.is_lazy {
                    return Err(CompileError::syntax("invalid syntax", at));
                }
                StmtKind::ImportFrom {
                    module: import.module.as_ref().map(|m| m.id.to_string()),
                    names: import.names.iter().map(alias).collect(),
                    level: import.level,
                }
            }
            py::Stmt::TypeAlias(_) | py::Stmt::IpyEscapeCommand(_) => {
                return Err(CompileError::syntax("invalid syntax", at))
            }
        };
        Ok(Stmt { kind, span: at })
    }

    fn patterns(&self, patterns: &[py::Pattern]) -> Converted<Vec<Pattern>> {
        patterns.iter().map(|p| self.pattern(p)).collect()
    }

    fn pattern(&self, pattern: &py::Pattern) -> Converted<Pattern> {
        let kind = match pattern {
            py::Pattern::MatchValue(value) => PatternKind::Value(self.expr(&value.value)?),
            py::Pattern::MatchSingleton(singleton) => {
                PatternKind::Singleton(match singleton.value {
                    py::Singleton::None => Constant::None,
                    py::Singleton::True => Constant::Bool(true),
                    py::Singleton::False => Constant::Bool(false),
                })
            }
            py::Pattern::MatchSequence(sequence) => {
                PatternKind::Sequence(self.patterns(&sequence.patterns)?)
            }
            py::Pattern::MatchMapping(mapping) => PatternKind::Mapping {
                keys: self.exprs(&mapping.keys)?,
                patterns: self.patterns(&mapping.patterns)?,
                rest: mapping.rest.as_ref().map(ident),
            },
            py::Pattern::MatchClass(class) => {
                let mut kwd_attrs = Vec::new();
                let mut kwd_patterns = Vec::new();
                for keyword in &class.arguments.keywords {
                    kwd_attrs.push(ident(&keyword.attr));
                    kwd_patterns.push(self.pattern(&keyword.pattern)?);
                }
                PatternKind::Class {
                    cls: self.expr(&class.cls)?,
                    patterns: self.patterns(&class.arguments.patterns)?,
                    kwd_attrs,
                    kwd_patterns,
                }
            }
            py::Pattern::MatchStar(star) => PatternKind::Star(star.name.as_ref().map(ident)),
            py::Pattern::MatchAs(as_) => PatternKind::As {
                pattern: as_
                    .pattern
                    .as_deref()
                    .map(|p| self.pattern(p).map(Box::new))
                    .transpose()?,
                name: as_.name.as_ref().map(ident),
            },
            py::Pattern::MatchOr(or) => PatternKind::Or(self.patterns(&or.patterns)?),
        };
        Ok(Pattern {
            kind,
            span: span(pattern.range()),
        })
    }

    fn decorators(&self, list: &[py::Decorator]) -> Converted<Vec<Expr>> {
        list.iter().map(|d| self.expr(&d.expression)).collect()
    }

    fn params(&self, params: &py::Parameters) -> Converted<Params> {
        let param = |p: &py::ParameterWithDefault| -> Converted<Param> {
            Ok(Param {
                name: ident(&p.parameter.name),
                default: self.opt_expr(p.default.as_deref())?,
            })
        };
        let mut args = Vec::new();
        for p in params.posonlyargs.iter().chain(params.args.iter()) {
            args.push(param(p)?);
        }
        let mut kwonly = Vec::new();
        for p in params.kwonlyargs.iter() {
            kwonly.push(param(p)?);
        }
        Ok(Params {
            args,
            posonly: params.posonlyargs.len(),
            vararg: params.vararg.as_ref().map(|p| ident(&p.name)),
            kwonly,
            kwarg: params.kwarg.as_ref().map(|p| ident(&p.name)),
        })
    }

    fn exprs(&self, exprs: &[py::Expr]) -> Converted<Vec<Expr>> {
        exprs.iter().map(|e| self.expr(e)).collect()
    }

    fn opt_expr(&self, expr: Option<&py::Expr>) -> Converted<Option<Expr>> {
        expr.map(|e| self.expr(e)).transpose()
    }

    fn boxed(&self, expr: &py::Expr) -> Converted<Box<Expr>> {
        Ok(Box::new(self.expr(expr)?))
    }

    fn expr(&self, expr: &py::Expr) -> Converted<Expr> {
        let at = span(expr.range());
        let kind = match expr {
            py::Expr::BoolOp(op) => ExprKind::BoolOp {
                and: op.op == py::BoolOp::And,
                values: self.exprs(&op.values)?,
            },
            py::Expr::Named(named) => ExprKind::Named {
                target: self.boxed(&named.target)?,
                value: self.boxed(&named.value)?,
            },
            py::Expr::BinOp(bin) => ExprKind::BinOp {
                left: self.boxed(&bin.left)?,
                op: bin_op(bin.op),
                right: self.boxed(&bin.right)?,
            },
            py::Expr::UnaryOp(unary) => ExprKind::UnaryOp {
                op: match unary.op {
                    py::UnaryOp::Invert => UnaryOp::Invert,
                    py::UnaryOp::Not => UnaryOp::Not,
                    py::UnaryOp::UAdd => UnaryOp::Pos,
                    py::UnaryOp::USub => UnaryOp::Neg,
                },
                operand: self.boxed(&unary.operand)?,
            },
            py::Expr::Lambda(lambda) => {
                let params = match &lambda.parameters {
                    Some(params) => self.params(params)?,
                    None => Params::default(),
                };
                let body = self.expr(&lambda.body)?;
                let body_span = body.span;
                ExprKind::Lambda(Box::new(FunctionDef {
                    name: Ident {
                        name: "<lambda>".into(),
                        span: at,
                    },
                    params,
                    body: vec![Stmt {
                        kind: StmtKind::Return(Some(body)),
                        span: body_span,
                    }],
                    decorators: Vec::new(),
                    is_lambda: true,
                }))
            }
            py::Expr::If(if_) => ExprKind::IfExp {
                test: self.boxed(&if_.test)?,
                body: self.boxed(&if_.body)?,
                orelse: self.boxed(&if_.orelse)?,
            },
            py::Expr::Dict(dict) => {
                let mut items = Vec::new();
                for item in &dict.items {
                    items.push((self.opt_expr(item.key.as_ref())?, self.expr(&item.value)?));
                }
                ExprKind::Dict(items)
            }
            py::Expr::ListComp(comp) => ExprKind::ListComp {
                elt: self.boxed(&comp.elt)?,
                generators: self.generators(&comp.generators)?,
            },
            py::Expr::DictComp(comp) => {
                let Some(key) = &comp.key else {
                    return Err(CompileError::syntax(
                        "dict unpacking cannot be used in dict comprehension",
                        at,
                    ));
                };
                ExprKind::DictComp {
                    key: self.boxed(key)?,
                    value: self.boxed(&comp.value)?,
                    generators: self.generators(&comp.generators)?,
                }
            }
            py::Expr::Compare(cmp) => ExprKind::Compare {
                left: self.boxed(&cmp.left)?,
                ops: cmp.ops.iter().map(|op| cmp_op(*op)).collect(),
                comparators: self.exprs(&cmp.comparators)?,
            },
            py::Expr::Call(call) => {
                let mut keywords = Vec::new();
                for keyword in call.arguments.keywords.iter() {
                    keywords.push(Keyword {
                        name: keyword.arg.as_ref().map(ident),
                        value: self.expr(&keyword.value)?,
                    });
                }
                ExprKind::Call {
                    func: self.boxed(&call.func)?,
                    args: self.exprs(&call.arguments.args)?,
                    keywords,
                }
            }
            py::Expr::FString(fstring) => {
                let mut parts = Vec::new();
                for part in fstring.value.iter() {
                    match part {
                        py::FStringPart::Literal(literal) => {
                            parts.push(FStringPart::Literal(literal.value.to_string()))
                        }
                        py::FStringPart::FString(f) => {
                            self.fstring_elements(&f.elements, &mut parts)?
                        }
                    }
                }
                ExprKind::FString(parts)
            }
            py::Expr::StringLiteral(string) => {
                ExprKind::Constant(Constant::Str(string.value.to_str().to_string()))
            }
            py::Expr::NumberLiteral(number) => ExprKind::Constant(match &number.value {
                py::Number::Int(int) => int_constant(int, at)?,
                py::Number::Float(value) => Constant::Float(*value),
                py::Number::Complex { imag, .. } => Constant::Imaginary(*imag),
            }),
            py::Expr::BooleanLiteral(b) => ExprKind::Constant(Constant::Bool(b.value)),
            py::Expr::NoneLiteral(_) => ExprKind::Constant(Constant::None),
            py::Expr::EllipsisLiteral(_) => ExprKind::Constant(Constant::Ellipsis),
            py::Expr::Attribute(attr) => ExprKind::Attribute {
                value: self.boxed(&attr.value)?,
                attr: ident(&attr.attr),
                ctx: context(attr.ctx),
            },
            py::Expr::Subscript(sub) => ExprKind::Subscript {
                value: self.boxed(&sub.value)?,
                index: self.boxed(&sub.slice)?,
                ctx: context(sub.ctx),
            },
            py::Expr::Starred(starred) => ExprKind::Starred {
                value: self.boxed(&starred.value)?,
                ctx: context(starred.ctx),
            },
            py::Expr::Name(name) => ExprKind::Name {
                id: name.id.to_string(),
                ctx: context(name.ctx),
            },
            py::Expr::List(list) => ExprKind::List {
                elts: self.exprs(&list.elts)?,
                ctx: context(list.ctx),
            },
            py::Expr::Tuple(tuple) => ExprKind::Tuple {
                elts: self.exprs(&tuple.elts)?,
                ctx: context(tuple.ctx),
            },
            py::Expr::Slice(slice) => ExprKind::Slice {
                lower: slice.lower.as_deref().map(|e| self.boxed(e)).transpose()?,
                upper: slice.upper.as_deref().map(|e| self.boxed(e)).transpose()?,
                step: slice.step.as_deref().map(|e| self.boxed(e)).transpose()?,
            },
            py::Expr::Set(set) => ExprKind::Set(self.exprs(&set.elts)?),
            py::Expr::SetComp(comp) => ExprKind::SetComp {
                elt: self.boxed(&comp.elt)?,
                generators: self.generators(&comp.generators)?,
            },
            py::Expr::Generator(comp) => ExprKind::GeneratorExp {
                elt: self.boxed(&comp.elt)?,
                generators: self.generators(&comp.generators)?,
            },
            py::Expr::Yield(yield_) => {
                ExprKind::Yield(yield_.value.as_deref().map(|e| self.boxed(e)).transpose()?)
            }
            py::Expr::YieldFrom(yield_from) => ExprKind::YieldFrom(self.boxed(&yield_from.value)?),
            py::Expr::Await(_) => return Err(CompileError::unsupported("'await'", at)),
            py::Expr::BytesLiteral(bytes) => ExprKind::Constant(Constant::Bytes(
                bytes
                    .value
                    .iter()
                    .flat_map(|literal| literal.value.iter().copied())
                    .collect(),
            )),
            py::Expr::TString(_) | py::Expr::IpyEscapeCommand(_) => {
                return Err(CompileError::syntax("invalid syntax", at))
            }
        };
        Ok(Expr { kind, span: at })
    }

    fn generators(&self, generators: &[py::Comprehension]) -> Converted<Vec<Comprehension>> {
        let mut out = Vec::new();
        for generator in generators {
            if generator.is_async {
                return Err(CompileError::unsupported(
                    "'async for'",
                    span(generator.range),
                ));
            }
            out.push(Comprehension {
                target: self.expr(&generator.target)?,
                iter: self.expr(&generator.iter)?,
                ifs: self.exprs(&generator.ifs)?,
            });
        }
        Ok(out)
    }

    fn fstring_elements(
        &self,
        elements: &py::InterpolatedStringElements,
        parts: &mut Vec<FStringPart>,
    ) -> Converted<()> {
        for element in elements.iter() {
            match element {
                py::InterpolatedStringElement::Literal(literal) => {
                    parts.push(FStringPart::Literal(literal.value.to_string()))
                }
                py::InterpolatedStringElement::Interpolation(item) => {
                    let mut conversion = match item.conversion {
                        py::ConversionFlag::None => None,
                        py::ConversionFlag::Str => Some('s'),
                        py::ConversionFlag::Repr => Some('r'),
                        py::ConversionFlag::Ascii => Some('a'),
                    };
                    if let Some(debug) = &item.debug_text {
                        let range = item.expression.range();
                        let text = &self.source[range.start().to_usize()..range.end().to_usize()];
                        parts.push(FStringPart::Literal(format!(
                            "{}{text}{}",
                            debug.leading(),
                            debug.trailing()
                        )));
                        if conversion.is_none() && item.format_spec.is_none() {
                            conversion = Some('r');
                        }
                    }
                    let mut spec = Vec::new();
                    if let Some(format_spec) = &item.format_spec {
                        self.fstring_elements(&format_spec.elements, &mut spec)?;
                    }
                    parts.push(FStringPart::Formatted {
                        value: self.boxed(&item.expression)?,
                        conversion,
                        spec,
                    });
                }
            }
        }
        Ok(())
    }
}

fn ident(id: &py::Identifier) -> Ident {
    Ident {
        name: id.id.to_string(),
        span: span(id.range),
    }
}

fn alias(alias: &py::Alias) -> Alias {
    Alias {
        name: ident(&alias.name),
        asname: alias.asname.as_ref().map(ident),
    }
}

fn context(ctx: py::ExprContext) -> Context {
    match ctx {
        py::ExprContext::Store => Context::Store,
        py::ExprContext::Del => Context::Del,
        _ => Context::Load,
    }
}

/// An integer literal: an `i64`, or a big integer parsed from its text (any base, with
/// underscores).
fn int_constant(int: &py::Int, at: Span) -> Converted<Constant> {
    if let Some(value) = int.as_i64() {
        return Ok(Constant::Int(value));
    }
    let text: String = int.to_string().chars().filter(|&c| c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = match lower.get(..2) {
        Some("0x") => (&lower[2..], 16),
        Some("0o") => (&lower[2..], 8),
        Some("0b") => (&lower[2..], 2),
        _ => (lower.as_str(), 10),
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
        .map(Constant::BigInt)
        .ok_or_else(|| CompileError::syntax("invalid integer literal", at))
}

fn bin_op(op: py::Operator) -> BinOp {
    match op {
        py::Operator::Add => BinOp::Add,
        py::Operator::Sub => BinOp::Sub,
        py::Operator::Mult => BinOp::Mul,
        py::Operator::MatMult => BinOp::MatMul,
        py::Operator::Div => BinOp::TrueDiv,
        py::Operator::Mod => BinOp::Mod,
        py::Operator::Pow => BinOp::Pow,
        py::Operator::LShift => BinOp::LShift,
        py::Operator::RShift => BinOp::RShift,
        py::Operator::BitOr => BinOp::BitOr,
        py::Operator::BitXor => BinOp::BitXor,
        py::Operator::BitAnd => BinOp::BitAnd,
        py::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmp_op(op: py::CmpOp) -> CmpOp {
    match op {
        py::CmpOp::Eq => CmpOp::Eq,
        py::CmpOp::NotEq => CmpOp::NotEq,
        py::CmpOp::Lt => CmpOp::Lt,
        py::CmpOp::LtE => CmpOp::LtE,
        py::CmpOp::Gt => CmpOp::Gt,
        py::CmpOp::GtE => CmpOp::GtE,
        py::CmpOp::Is => CmpOp::Is,
        py::CmpOp::IsNot => CmpOp::IsNot,
        py::CmpOp::In => CmpOp::In,
        py::CmpOp::NotIn => CmpOp::NotIn,
    }
}
