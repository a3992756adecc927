//! Staging v1: the jitcode builder of a `#[look_inside]` free function.
//!
//! Next to the untouched function `f`, [`stage`] emits `fn __jitgen_build_f(b: &mut Builder)`
//! that builds `f`'s jitcode through the typed `jitgen_core::jitcode::Builder` (so rustc
//! resolves every type, field and call target), and an `inventory` submission of a
//! `jitgen_core::jitcode::StagedEntry` keyed by the fn item's `TypeId`, which
//! `Registry::with_staged()` registers.
//!
//! The translation keeps the function's block structure: every Rust local becomes a
//! `Reg<T>` local of the same name in the builder (a fresh register, so assignments are
//! `mov`s), control flow becomes labels. One concern per file: `stmt.rs` (statements, `let`,
//! `let Some(v) = opt else`, assignments), `expr.rs` (values: literals, operators, `as`,
//! fields, calls, the framework's reference and array methods, residual method calls and
//! `Gc::new(S { .. })`), `control.rs` (`if`,
//! `if let Some(v)`, loops, `break`/`continue`, `return`, short-circuit operators),
//! `matches.rs` (`match` on integers, on `jit_enum!` enums and on `checked_*`).
//! The return type is never parsed beyond "is it `()`": `Result` and its aliases are told
//! apart by the builder's traits (`ret_value`, `ret_call`, `call_propagate`).
//! Anything outside the subset is a compile error at its span suggesting
//! `#[dont_look_inside]`; methods (functions with `self` or `Self`) are not staged yet.

mod control;
mod expr;
mod matches;
mod stmt;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::{FnArg, Ident, ItemFn, Pat, ReturnType, Stmt, Type};

/// The translator of one function body.
struct Stager {
    /// Whether the function returns `()`. Anything else (a value, `Result`, or an alias of
    /// it) is told apart by the types: `Ok(v)`/`Err(e)`/`f(..)` become `ret_value`/`ret_err`/
    /// `ret_call`, `?` becomes `call_propagate`, so the macro never parses the return type.
    unit_return: bool,
    /// The `(break, continue)` labels of the enclosing loops, innermost last.
    loops: Vec<(Ident, Ident)>,
    /// Counter for fresh builder-side names.
    next: usize,
}

impl Stager {
    /// A fresh builder-side identifier (`__jitgen_<base><n>`).
    fn fresh(&mut self, base: &str) -> Ident {
        self.next += 1;
        format_ident!("__jitgen_{}{}", base, self.next)
    }
}

/// The builder-side name of the `&mut Builder` parameter.
fn builder() -> Ident {
    Ident::new("__jitgen_b", Span::call_site())
}

/// A compile error at `tokens` saying that `what` is outside the staging subset.
fn unsupported(tokens: impl ToTokens, what: impl std::fmt::Display) -> syn::Error {
    syn::Error::new_spanned(
        tokens,
        format_args!(
            "{what} is not supported inside a `#[look_inside]` function (staging v1); \
             move it into a `#[dont_look_inside]` helper, or mark this function `#[dont_look_inside]`"
        ),
    )
}

/// Whether the signature has a `self` receiver or mentions `Self` (a method: not staged yet).
pub(crate) fn is_method(func: &ItemFn) -> bool {
    fn mentions_self(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => i == "Self" || i == "self",
            proc_macro2::TokenTree::Group(g) => mentions_self(g.stream()),
            _ => false,
        })
    }
    mentions_self(func.sig.to_token_stream())
}

/// Whether the signature returns `()`.
fn returns_unit(output: &ReturnType) -> bool {
    match output {
        ReturnType::Default => true,
        ReturnType::Type(_, ty) => matches!(&**ty, Type::Tuple(t) if t.elems.is_empty()),
    }
}

/// The builder function and registration of a `#[look_inside]` free function, or `None`
/// for a method (validation only in v1).
pub(crate) fn stage(func: &ItemFn) -> syn::Result<Option<TokenStream>> {
    if is_method(func) {
        return Ok(None);
    }
    let sig = &func.sig;
    if !sig.generics.params.is_empty() {
        return Err(unsupported(&sig.generics, "a generic function"));
    }
    if let Some(token) = &sig.asyncness {
        return Err(unsupported(token, "an `async fn`"));
    }
    let b = builder();
    let mut prologue = TokenStream::new();
    if let ReturnType::Type(_, ty) = &sig.output {
        prologue.extend(quote! { #b.returns::<#ty>(); });
    }
    for input in &sig.inputs {
        let FnArg::Typed(arg) = input else {
            unreachable!("receivers were handled by is_method")
        };
        let name = match &*arg.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => &p.ident,
            other => return Err(unsupported(other, "a parameter pattern other than a name")),
        };
        let ty = &arg.ty;
        if let Type::Reference(_) = &**ty {
            return Err(unsupported(ty, "a reference parameter"));
        }
        prologue.extend(quote! { let #name = #b.param::<#ty>(); });
    }
    let mut stager = Stager {
        unit_return: returns_unit(&sig.output),
        loops: Vec::new(),
        next: 0,
    };
    let body = stager.body(&func.block.stmts)?;
    let name = &sig.ident;
    let name_str = name.to_string();
    let build = format_ident!("__jitgen_build_{}", name);
    Ok(Some(quote! {
        #[doc(hidden)]
        #[allow(unused, non_snake_case, clippy::all)]
        fn #build(#b: &mut ::jitgen_core::jitcode::Builder<'_>) {
            #prologue
            #body
        }
        ::jitgen_core::__private::inventory::submit! {
            ::jitgen_core::jitcode::StagedEntry {
                type_id: || ::jitgen_core::__private::type_id_of(&#name),
                name: #name_str,
                build: #build,
            }
        }
    }))
}

impl Stager {
    /// The whole body: its statements, then the return of its tail expression.
    fn body(&mut self, stmts: &[Stmt]) -> syn::Result<TokenStream> {
        let b = builder();
        if self.unit_return {
            let code = self.stmts(stmts)?;
            return Ok(quote! { #code #b.ret_void(); });
        }
        match stmts.split_last() {
            Some((Stmt::Expr(tail, None), init)) => {
                let init = self.stmts(init)?;
                let tail = self.ret(tail)?;
                Ok(quote! { #init #tail })
            }
            // Without a tail, a function returning a value diverges at its end.
            _ => self.stmts(stmts),
        }
    }
}
