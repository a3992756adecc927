//! `#[jitgen_core::portal]`: the interpreter's main function and its merge point.
//!
//! The portal's dispatch loop starts with `jit_merge_point!(Driver { greens.., reds.. })`;
//! backward jumps call `can_enter_jit!(Driver { .. })`. This module finds both (any path ending
//! in those names, as statements or expressions, in nested blocks too, but not in nested
//! items), turns them into calls of the no-op functions `::jitgen_core::hints::jit_merge_point`
//! / `can_enter_jit` taking `&Driver { .. }` (so rustc checks the variables against the driver),
//! and checks their placement:
//! - exactly one `jit_merge_point!`, the first statement of a `loop { }` body;
//! - `can_enter_jit!` only inside that loop (not in closures, not in a nested loop: its glue
//!   `continue`s the innermost loop), naming the same driver;
//! - arguments written `Driver { a, b, c }` with the variables' names only;
//! - no assignment to a driver variable after `can_enter_jit!` in its block: compiled code
//!   entered there continues from the values the hint was given, so a later change would be
//!   lost (see [`AssignmentsAfterCanEnter`]);
//! - every outer local used in the loop is a driver variable ([`crate::liveness`]).
//!
//! A misplaced or malformed invocation is still marked, so each mistake is reported once.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprLoop, ExprStruct, Item, ItemFn, Macro, Member, Stmt};

use crate::liveness::{self, DispatchLoop};
use crate::util::Errors;

/// The two hint macros a portal contains.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    MergePoint,
    CanEnter,
}

impl Kind {
    /// The kind of a macro invocation, if it is one of the two.
    fn of(mac: &Macro) -> Option<Kind> {
        let last = mac.path.segments.last()?;
        if last.ident == "jit_merge_point" {
            Some(Kind::MergePoint)
        } else if last.ident == "can_enter_jit" {
            Some(Kind::CanEnter)
        } else {
            None
        }
    }

    /// The macro's (and the no-op function's) name.
    fn name(self) -> &'static str {
        match self {
            Kind::MergePoint => "jit_merge_point",
            Kind::CanEnter => "can_enter_jit",
        }
    }
}

/// One invocation found in the portal.
struct Site {
    kind: Kind,
    span: Span,
    /// Ids of the loops around the invocation, up to the innermost closure or async block.
    loops: Vec<usize>,
    /// For an invocation that is the first statement of a `loop`: that loop's id and address.
    first_of_loop: Option<(usize, usize)>,
    driver: syn::Result<ExprStruct>,
}

/// Finds and replaces the invocations, remembering where each one was.
struct Rewriter {
    sites: Vec<Site>,
    loops: Vec<usize>,
    next_loop: usize,
    /// The hidden function that will hold the portal's body (`can_enter_jit!` names it).
    body: syn::Ident,
    /// Whether `can_enter_jit!` gets the JIT glue (not when the portal has errors: the glue's
    /// `continue` would only add follow-up errors at misplaced invocations).
    glue: bool,
}

impl Rewriter {
    /// A rewriter for the portal `func`, adding the JIT glue or not.
    fn new(func: &ItemFn, glue: bool) -> Rewriter {
        Rewriter {
            sites: Vec::new(),
            loops: Vec::new(),
            next_loop: 0,
            body: body_name(func),
            glue,
        }
    }

    /// Records the invocation `mac` and marks it checked: `name!(Driver { .. })` becomes
    /// `name!(@jitgen_portal Driver { .. })`, which the `macro_rules!` definition in
    /// `jitgen_core::hints` expands to the no-op call (`name!(@jitgen_portal)` if the
    /// arguments are malformed: the error is reported here). Keeping the user's macro path
    /// keeps their import used.
    fn rewrite(&mut self, mac: &mut Macro, kind: Kind, first_of_loop: Option<(usize, usize)>) {
        let span = mac.path.span();
        let driver = parse_driver(mac, kind);
        let body = &self.body;
        mac.tokens = match (&driver, kind) {
            (Ok(d), Kind::CanEnter) if self.glue => quote_spanned!(span=> @jitgen_portal #body, #d),
            (Ok(d), Kind::MergePoint) if self.glue => {
                let entry = entry_flag();
                quote_spanned!(span=> @jitgen_portal #body, #entry, #d)
            }
            (Ok(d), _) => quote_spanned!(span=> @jitgen_portal #d),
            (Err(_), _) => quote_spanned!(span=> @jitgen_portal),
        };
        self.sites.push(Site {
            kind,
            span,
            loops: self.loops.clone(),
            first_of_loop,
            driver,
        });
    }

    /// Rewrites the statement if it is an invocation; returns whether it was.
    fn rewrite_stmt(&mut self, stmt: &mut Stmt, first_of_loop: Option<(usize, usize)>) -> bool {
        let mac = match stmt {
            Stmt::Macro(m) => &mut m.mac,
            Stmt::Expr(Expr::Macro(m), _) => &mut m.mac,
            _ => return false,
        };
        let Some(kind) = Kind::of(mac) else {
            return false;
        };
        self.rewrite(mac, kind, first_of_loop);
        true
    }

    /// Visits a `loop`, noting whether its first statement is an invocation.
    fn visit_loop(&mut self, l: &mut ExprLoop) {
        let id = self.next_loop;
        self.next_loop += 1;
        let address = l as *const ExprLoop as usize;
        self.loops.push(id);
        for (i, stmt) in l.body.stmts.iter_mut().enumerate() {
            let first = (i == 0).then_some((id, address));
            if !self.rewrite_stmt(stmt, first) {
                self.visit_stmt_mut(stmt);
            }
        }
        self.loops.pop();
    }
}

impl VisitMut for Rewriter {
    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        if !self.rewrite_stmt(stmt, None) {
            visit_mut::visit_stmt_mut(self, stmt);
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Macro(m) => {
                if let Some(kind) = Kind::of(&m.mac) {
                    self.rewrite(&mut m.mac, kind, None);
                }
            }
            Expr::Loop(l) => self.visit_loop(l),
            Expr::While(_) | Expr::ForLoop(_) => {
                self.loops.push(self.next_loop);
                self.next_loop += 1;
                visit_mut::visit_expr_mut(self, e);
                self.loops.pop();
            }
            Expr::Closure(_) | Expr::Async(_) => {
                let outer = std::mem::take(&mut self.loops);
                visit_mut::visit_expr_mut(self, e);
                self.loops = outer;
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }

    /// Nested items are not part of the portal: an invocation there stays a macro call, which
    /// expands to a `compile_error!`.
    fn visit_item_mut(&mut self, _item: &mut Item) {}
}

/// Finds assignments to driver variables that follow a `can_enter_jit!` statement in the
/// same block (in the later statements, at any depth short of closures and items). The
/// hint must be the last change of those variables before the loop goes round: compiled
/// code entered there (or a trace started there) continues from the values it was given.
#[derive(Default)]
struct AssignmentsAfterCanEnter {
    /// The driver variables of the `can_enter_jit!` being followed (empty: none).
    watched: Vec<String>,
    errors: Errors,
}

impl AssignmentsAfterCanEnter {
    fn check(func: &ItemFn, errors: &mut Errors) {
        let mut visitor = AssignmentsAfterCanEnter::default();
        syn::visit::Visit::visit_block(&mut visitor, &func.block);
        errors.extend(visitor.errors);
    }

    /// The variables of a `can_enter_jit!` statement.
    fn can_enter_vars(stmt: &Stmt) -> Option<Vec<String>> {
        let mac = match stmt {
            Stmt::Macro(m) => &m.mac,
            Stmt::Expr(Expr::Macro(m), _) => &m.mac,
            _ => return None,
        };
        if Kind::of(mac) != Some(Kind::CanEnter) {
            return None;
        }
        let driver = parse_driver(mac, Kind::CanEnter).ok()?;
        Some(
            driver
                .fields
                .iter()
                .filter_map(|f| match &f.member {
                    Member::Named(name) => Some(name.unraw().to_string()),
                    Member::Unnamed(_) => None,
                })
                .collect(),
        )
    }

    /// Reports `target` if it names a watched variable.
    fn assigned(&mut self, target: &Expr) {
        let Expr::Path(path) = target else {
            return;
        };
        let Some(name) = path.path.get_ident() else {
            return;
        };
        let name = name.unraw().to_string();
        if self.watched.contains(&name) {
            self.errors.at(target.span(), format_args!(
                "`{name}` is assigned after can_enter_jit!: compiled code entered at the hint continues from the values it was given, so this change would be lost; assign `{name}` before can_enter_jit!"
            ));
        }
    }
}

impl<'ast> syn::visit::Visit<'ast> for AssignmentsAfterCanEnter {
    fn visit_block(&mut self, block: &'ast syn::Block) {
        let outer = self.watched.clone();
        for stmt in &block.stmts {
            syn::visit::visit_stmt(self, stmt);
            if let Some(vars) = Self::can_enter_vars(stmt) {
                self.watched = vars;
            }
        }
        self.watched = outer;
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Assign(a) => self.assigned(&a.left),
            Expr::Binary(b) if is_compound_assignment(&b.op) => self.assigned(&b.left),
            // Another body: it runs when called, not after the hint.
            Expr::Closure(_) | Expr::Async(_) => return,
            _ => {}
        }
        syn::visit::visit_expr(self, e);
    }

    fn visit_item(&mut self, _item: &'ast Item) {}
}

/// Whether `op` is `+=`, `-=`, ... (an assignment to its left operand).
fn is_compound_assignment(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// Parses `Driver { a, b, c }`, requiring the variables' names alone.
fn parse_driver(mac: &Macro, kind: Kind) -> syn::Result<ExprStruct> {
    let name = kind.name();
    let driver: ExprStruct = mac.parse_body().map_err(|e| {
        syn::Error::new(e.span(), format_args!(
            "expected `{name}!(Driver {{ var, .. }})`: the driver's struct with each green and red variable named"
        ))
    })?;
    if let Some(dots) = &driver.dot2_token {
        return Err(syn::Error::new(
            dots.spans[0],
            format_args!("`..` is not allowed in `{name}!`: list every green and red variable"),
        ));
    }
    for field in &driver.fields {
        let shorthand = field.colon_token.is_none() && matches!(field.member, Member::Named(_));
        if !shorthand {
            return Err(syn::Error::new(field.span(), format_args!(
                "`{name}!` takes the variables by name only (`Driver {{ pc, frame }}`); bind the value to a local of the variable's name first"
            )));
        }
    }
    Ok(driver)
}

/// Expands `#[portal]` (errors become `compile_error!`s next to the function).
pub(crate) fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.at(args.span(), "`#[jitgen_core::portal]` takes no arguments");
    }
    let mut func = match syn::parse2::<ItemFn>(input) {
        Ok(func) => func,
        Err(e) => {
            return syn::Error::new(
                e.span(),
                "`#[jitgen_core::portal]` applies to the interpreter's main function",
            )
            .to_compile_error();
        }
    };
    let original = func.clone();
    let mut rewriter = Rewriter::new(&func, true);
    rewriter.visit_block_mut(&mut func.block);
    if let Some(dispatch) = check_sites(&rewriter.sites, &func, &mut errors) {
        liveness::check(&func, &dispatch, &mut errors);
    }
    AssignmentsAfterCanEnter::check(&original, &mut errors);
    if !errors.is_empty() {
        let mut func = original;
        Rewriter::new(&func, false).visit_block_mut(&mut func.block);
        let errors = errors.to_tokens();
        return quote! { #func #errors };
    }
    match runner(&func) {
        Ok(code) => code,
        Err(error) => {
            let errors = error.to_compile_error();
            quote! { #func #errors }
        }
    }
}

/// The local flag of a portal's body saying that its dispatch loop has not reached the merge
/// point yet (the glue there enters a function's compiled code once per call).
fn entry_flag() -> syn::Ident {
    quote::format_ident!("__jitgen_entry")
}

/// The hidden function holding the body of the portal `func`.
fn body_name(func: &ItemFn) -> syn::Ident {
    quote::format_ident!("__jitgen_portal_{}", func.sig.ident)
}

/// The portal `f` becomes a runner of the same signature and a hidden `__jitgen_portal_f`
/// holding the body, staged like a look-inside function (with its hint macros). The runner
/// calls the body natively, or, in `--jit blackhole` mode, runs the body's jitcode in the
/// blackhole interpreter. Recursive calls of `f` go through the runner, so they follow the
/// mode too.
fn runner(func: &ItemFn) -> syn::Result<TokenStream> {
    if crate::stage::is_method(func) {
        return Err(syn::Error::new(
            func.sig.ident.span(),
            "a #[portal] must be a free function (not a method)",
        ));
    }
    let mut body = func.clone();
    body.sig.ident = body_name(func);
    body.attrs = vec![syn::parse_quote!(#[doc(hidden)])];
    body.vis = syn::Visibility::Inherited;
    // `can_enter_jit!` assigns every driver variable when compiled code hands back new values.
    for input in &mut body.sig.inputs {
        if let syn::FnArg::Typed(arg) = input {
            if let syn::Pat::Ident(p) = &mut *arg.pat {
                p.mutability = Some(Default::default());
            }
        }
    }
    let staged = crate::stage::stage(&body, crate::stage::Kind::Portal)?;
    // Natively, the merge point's glue needs its flag (the staged body does not).
    let entry = entry_flag();
    body.block
        .stmts
        .insert(0, syn::parse_quote!(let mut #entry = true;));
    let mut outer = func.clone();
    let mut params = Vec::new();
    for input in &mut outer.sig.inputs {
        if let syn::FnArg::Typed(arg) = input {
            if let syn::Pat::Ident(p) = &mut *arg.pat {
                p.mutability = None;
                params.push(p.ident.clone());
            }
        }
    }
    let body_name = &body.sig.ident;
    outer.block = syn::parse_quote! {{
        if ::jitgen_core::jit::mode() == ::jitgen_core::params::JitMode::Blackhole {
            // SAFETY: the arguments are the body's parameters in order, and the runner
            // returns the body's return type.
            return unsafe {
                ::jitgen_core::jit::run_blackholed(
                    &#body_name,
                    &[#(::jitgen_core::blackhole::Value::of(#params)),*],
                )
            };
        }
        #body_name(#(#params),*)
    }};
    let runner = &func.sig.ident;
    let (resume_fn, resume) = match native_resume(func) {
        Some(tokens) => {
            let name = quote::format_ident!("__jitgen_resume_{}", func.sig.ident);
            let ret = &func.sig.output;
            let ret = match ret {
                syn::ReturnType::Default => quote!(()),
                syn::ReturnType::Type(_, ty) => quote!(#ty),
            };
            (
                quote! {
                    /// Runs the portal's body natively from a merge point (`NativeResume`).
                    #[doc(hidden)]
                    unsafe fn #name(values: &[::jitgen_core::blackhole::Value]) -> (u64, u64) {
                        ::jitgen_core::jit::resume_natively(values);
                        let result: #ret = #body_name(#tokens);
                        ::jitgen_core::jitcode::JitReturn::into_words(result)
                    }
                },
                quote!(::core::option::Option::Some(#name)),
            )
        }
        None => (quote!(), quote!(::core::option::Option::None)),
    };
    Ok(quote! {
        #outer
        #body
        #staged
        #resume_fn
        ::jitgen_core::__private::inventory::submit! {
            ::jitgen_core::jitcode::PortalEntry {
                runner: || ::jitgen_core::__private::type_id_of(&#runner),
                body: || ::jitgen_core::__private::type_id_of(&#body_name),
                resume: #resume,
            }
        }
    })
}

/// The driver of a hint the portal attribute rewrote (`name!(@jitgen_portal glue.., Driver
/// { vars })`, the glue's names being the portal's body and, for `jit_merge_point!`, its
/// entry flag).
pub(crate) fn glue_driver(mac: &Macro) -> syn::Result<ExprStruct> {
    mac.parse_body_with(|input: syn::parse::ParseStream| {
        input.parse::<syn::Token![@]>()?;
        input.parse::<syn::Ident>()?;
        while input.peek(syn::Ident) && input.peek2(syn::Token![,]) {
            input.parse::<syn::Ident>()?;
            input.parse::<syn::Token![,]>()?;
        }
        input.parse()
    })
}

/// The arguments with which the portal's body, called again, reaches its dispatch loop in
/// the state of a given merge point (each parameter read from the driver variable of its
/// name, `values` being the driver's values): `None` unless every statement before the
/// dispatch loop only binds a variable to a literal or a variable (running them again does
/// nothing) and every parameter is a driver variable.
fn native_resume(func: &ItemFn) -> Option<TokenStream> {
    let stmts = &func.block.stmts;
    let (index, driver) = stmts.iter().enumerate().find_map(|(i, stmt)| {
        let Stmt::Expr(Expr::Loop(l), _) = stmt else {
            return None;
        };
        let Some(Stmt::Macro(m)) = l.body.stmts.first() else {
            return None;
        };
        if !m.mac.path.is_ident("jit_merge_point")
            && m.mac.path.segments.last()?.ident != "jit_merge_point"
        {
            return None;
        }
        let driver = glue_driver(&m.mac).ok()?;
        Some((i, driver))
    })?;
    let harmless = |expr: &Expr| matches!(expr, Expr::Lit(_) | Expr::Path(_));
    let prologue_binds_only = stmts[..index].iter().all(|stmt| match stmt {
        Stmt::Local(local) => local
            .init
            .as_ref()
            .is_none_or(|init| init.diverge.is_none() && harmless(&init.expr)),
        _ => false,
    });
    if !prologue_binds_only {
        return None;
    }
    let vars: Vec<String> = driver
        .fields
        .iter()
        .filter_map(|f| match &f.member {
            syn::Member::Named(name) => Some(name.unraw().to_string()),
            syn::Member::Unnamed(_) => None,
        })
        .collect();
    let path = &driver.path;
    let mut args = Vec::new();
    for input in &func.sig.inputs {
        let syn::FnArg::Typed(arg) = input else {
            return None;
        };
        let syn::Pat::Ident(p) = &*arg.pat else {
            return None;
        };
        let name = p.ident.unraw().to_string();
        if !vars.contains(&name) {
            return None;
        }
        let ty = &arg.ty;
        args.push(quote! {
            ::jitgen_core::jit::driver_var::<#path, #ty>(values, #name)
        });
    }
    Some(quote!(#(#args),*))
}

/// Checks the placement of the invocations; returns the dispatch loop if it is well-formed.
fn check_sites<'a>(
    sites: &'a [Site],
    func: &ItemFn,
    errors: &mut Errors,
) -> Option<DispatchLoop<'a>> {
    for site in sites {
        if let Err(e) = &site.driver {
            errors.push(e.clone());
        }
    }
    let mut merges = sites.iter().filter(|s| s.kind == Kind::MergePoint);
    let Some(merge) = merges.next() else {
        errors.at(func.sig.ident.span(), "a #[portal] function needs `jit_merge_point!(Driver { .. })` as the first statement of its dispatch `loop`");
        return None;
    };
    let mut well_formed = true;
    for extra in merges {
        errors.at(
            extra.span,
            "a #[portal] function has exactly one jit_merge_point!; this is a second one",
        );
        well_formed = false;
    }
    let Some((loop_id, address)) = merge.first_of_loop else {
        errors.at(merge.span, "jit_merge_point! must be the first statement of a `loop { .. }` body (the portal's dispatch loop)");
        return None;
    };
    let driver = merge.driver.as_ref().ok()?;
    let driver_path = driver.path.to_token_stream().to_string();
    for site in sites.iter().filter(|s| s.kind == Kind::CanEnter) {
        if !site.loops.contains(&loop_id) {
            errors.at(site.span, "can_enter_jit! may only appear inside the dispatch loop (the `loop` that starts with jit_merge_point!)");
        } else if site.loops.last() != Some(&loop_id) {
            errors.at(site.span, "can_enter_jit! must not be inside a loop nested in the dispatch loop: when compiled code hands back, it `continue`s the innermost loop, which must be the dispatch loop");
        }
        if let Ok(other) = &site.driver {
            if other.path.to_token_stream().to_string() != driver_path {
                errors.at(other.path.span(), format_args!(
                    "can_enter_jit! must name the driver of this portal's jit_merge_point!, `{driver_path}`"
                ));
            }
        }
    }
    well_formed.then_some(DispatchLoop { address, driver })
}
