//! The portal's liveness check: a local declared outside the dispatch loop (a parameter or a
//! `let` binding) and used inside it is live across the merge point, so the JIT must know it
//! — it has to be one of the driver's greens or reds.
//!
//! A scoped walk resolves each single-identifier path in the loop to the innermost binding of
//! that name: bindings made inside the loop (`let`, closure parameters, `match` arms, `if let`,
//! `while let`, `for`) shadow the outer ones. Macro invocations inside the loop are opaque
//! token streams: every identifier in them that names a visible outer local and is not
//! preceded by `.` or `::` counts as a use, and so do `{name}` arguments in string literals
//! (inline format arguments). That is conservative: it may ask for a variable the macro only
//! uses as a field name, never miss one.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::{self, Visit};
use syn::{
    Arm, Block, ExprClosure, ExprForLoop, ExprIf, ExprLet, ExprLoop, ExprPath, ExprStruct,
    ExprWhile, FnArg, Item, ItemFn, Local, Macro, Member, Pat,
};

use crate::util::Errors;

/// The portal's dispatch loop, as found by the placement check.
pub(crate) struct DispatchLoop<'a> {
    /// The address of the `ExprLoop` node in the portal's syntax tree (its identity).
    pub(crate) address: usize,
    /// The merge point's argument: the driver's struct literal.
    pub(crate) driver: &'a ExprStruct,
}

/// Reports every outer local used in the dispatch loop that is not a driver variable.
pub(crate) fn check(func: &ItemFn, dispatch: &DispatchLoop<'_>, errors: &mut Errors) {
    let variables = dispatch
        .driver
        .fields
        .iter()
        .filter_map(|f| match &f.member {
            Member::Named(ident) => Some(ident.to_string()),
            Member::Unnamed(_) => None,
        })
        .collect();
    let driver = dispatch
        .driver
        .path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    let mut walker = Walker {
        scopes: vec![Vec::new()],
        loop_base: None,
        dispatch: dispatch.address,
        variables,
        driver,
        reported: HashSet::new(),
        errors,
    };
    for input in &func.sig.inputs {
        match input {
            FnArg::Receiver(_) => walker.bind("self".to_string()),
            FnArg::Typed(arg) => walker.bind_pat(&arg.pat),
        }
    }
    walker.visit_block(&func.block);
}

/// The scoped walk over the portal's body.
struct Walker<'e> {
    /// The names bound in each open scope, innermost last.
    scopes: Vec<Vec<String>>,
    /// While inside the dispatch loop: the number of scopes opened outside it.
    loop_base: Option<usize>,
    dispatch: usize,
    variables: HashSet<String>,
    driver: String,
    reported: HashSet<String>,
    errors: &'e mut Errors,
}

impl Walker<'_> {
    /// Adds a binding to the innermost scope.
    fn bind(&mut self, name: String) {
        self.scopes.last_mut().expect("a scope is open").push(name);
    }

    /// Adds the bindings a pattern introduces.
    fn bind_pat(&mut self, pat: &Pat) {
        match pat {
            Pat::Ident(p) => {
                self.bind(p.ident.to_string());
                if let Some((_, sub)) = &p.subpat {
                    self.bind_pat(sub);
                }
            }
            Pat::Or(p) => {
                // Every alternative binds the same names.
                if let Some(first) = p.cases.first() {
                    self.bind_pat(first);
                }
            }
            Pat::Paren(p) => self.bind_pat(&p.pat),
            Pat::Reference(p) => self.bind_pat(&p.pat),
            Pat::Slice(p) => p.elems.iter().for_each(|e| self.bind_pat(e)),
            Pat::Struct(p) => p.fields.iter().for_each(|f| self.bind_pat(&f.pat)),
            Pat::Tuple(p) => p.elems.iter().for_each(|e| self.bind_pat(e)),
            Pat::TupleStruct(p) => p.elems.iter().for_each(|e| self.bind_pat(e)),
            Pat::Type(p) => self.bind_pat(&p.pat),
            _ => {}
        }
    }

    /// Runs `f` in a new scope.
    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        f(self);
        self.scopes.pop();
    }

    /// A use of `name` at `span`: an error if it resolves to an outer local that the driver
    /// does not list.
    fn use_name(&mut self, name: &str, span: Span) {
        let Some(base) = self.loop_base else { return };
        let Some(depth) = self
            .scopes
            .iter()
            .rposition(|s| s.iter().any(|n| n == name))
        else {
            return; // not a local: an item, a constant, a function
        };
        if depth < base && !self.variables.contains(name) && self.reported.insert(name.to_string())
        {
            self.errors.at(span, format_args!(
                "`{name}` is live across the jit_merge_point but is neither green nor red in `{}`; add it to the driver, or declare it inside the loop",
                self.driver
            ));
        }
    }

    /// The conservative scan of a macro invocation's tokens.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let is_punct = |i: usize, c: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
        for (i, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Group(g) => self.scan_tokens(g.stream()),
                TokenTree::Ident(ident) => {
                    let after_dot = i >= 1 && is_punct(i - 1, '.');
                    let in_path = i >= 2 && is_punct(i - 1, ':') && is_punct(i - 2, ':');
                    let is_macro = is_punct(i + 1, '!');
                    if !(after_dot || in_path || is_macro) {
                        self.use_name(&ident.to_string(), ident.span());
                    }
                }
                TokenTree::Literal(lit) => {
                    if let Ok(s) = syn::parse2::<syn::LitStr>(lit.to_token_stream()) {
                        for name in inline_format_args(&s.value()) {
                            self.use_name(&name, lit.span());
                        }
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// The identifiers named by `{name}` / `{name:..}` in a format string.
fn inline_format_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(escaped) = rest.strip_prefix('{') {
            rest = escaped;
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let closes = rest[end..].starts_with('}') || rest[end..].starts_with(':');
        if closes && name.starts_with(|c: char| c.is_alphabetic() || c == '_') && name != "_" {
            out.push(name.to_string());
        }
        rest = &rest[end..];
    }
    out
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_block(&mut self, block: &'ast Block) {
        self.scoped(|w| visit::visit_block(w, block));
    }

    fn visit_local(&mut self, local: &'ast Local) {
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.bind_pat(&local.pat);
    }

    fn visit_expr_closure(&mut self, closure: &'ast ExprClosure) {
        self.scoped(|w| {
            closure.inputs.iter().for_each(|p| w.bind_pat(p));
            w.visit_expr(&closure.body);
        });
    }

    fn visit_arm(&mut self, arm: &'ast Arm) {
        self.scoped(|w| {
            w.bind_pat(&arm.pat);
            if let Some((_, guard)) = &arm.guard {
                w.visit_expr(guard);
            }
            w.visit_expr(&arm.body);
        });
    }

    fn visit_expr_let(&mut self, e: &'ast ExprLet) {
        // Bound into the scope its `if`/`while`/`match` guard opened.
        self.visit_expr(&e.expr);
        self.bind_pat(&e.pat);
    }

    fn visit_expr_if(&mut self, e: &'ast ExprIf) {
        self.scoped(|w| {
            w.visit_expr(&e.cond);
            w.visit_block(&e.then_branch);
        });
        if let Some((_, otherwise)) = &e.else_branch {
            self.visit_expr(otherwise);
        }
    }

    fn visit_expr_while(&mut self, e: &'ast ExprWhile) {
        self.scoped(|w| {
            w.visit_expr(&e.cond);
            w.visit_block(&e.body);
        });
    }

    fn visit_expr_for_loop(&mut self, e: &'ast ExprForLoop) {
        self.visit_expr(&e.expr);
        self.scoped(|w| {
            w.bind_pat(&e.pat);
            w.visit_block(&e.body);
        });
    }

    fn visit_expr_loop(&mut self, e: &'ast ExprLoop) {
        if e as *const ExprLoop as usize != self.dispatch {
            return visit::visit_expr_loop(self, e);
        }
        self.loop_base = Some(self.scopes.len());
        self.visit_block(&e.body);
        self.loop_base = None;
    }

    fn visit_expr_path(&mut self, e: &'ast ExprPath) {
        if e.qself.is_none() {
            if let Some(ident) = e.path.get_ident() {
                self.use_name(&ident.to_string(), ident.span());
            }
        }
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        self.scan_tokens(mac.tokens.clone());
    }

    /// Nested items cannot capture locals.
    fn visit_item(&mut self, _item: &'ast Item) {}
}
