//! Staging: the jitcode builder of a `#[look_inside]` function, method, or portal body.
//!
//! Next to the untouched function `f`, [`stage`] emits `fn __jitgen_build_f(b: &mut Builder)`
//! that builds `f`'s jitcode through the typed `jitgen_core::jitcode::Builder` (so rustc
//! resolves every type, field and call target), and an `inventory` submission of a
//! `jitgen_core::jitcode::StagedEntry` keyed by the fn item's `TypeId`, which
//! `Registry::with_staged()` registers. Methods are staged through `#[look_inside]` on their
//! `impl` block (`impls.rs`, [`stage_method`]): the builder becomes a hidden associated
//! function, and a `StagedMethod` impl on the receiver type lets `recv.m(..)` call the
//! method's jitcode (`jitcode::dispatch`); any other method call is residual.
//!
//! The translation keeps the function's block structure: every Rust local becomes a
//! `Reg<T>` local of the same name in the builder (a fresh register, so assignments are
//! `mov`s; a `Result` is a `ResultReg` pair), control flow becomes labels. One concern per
//! file: `stmt.rs` (statements, `let`, `let Some(v) = opt else`, assignments, the portal's
//! hint macros), `expr.rs` (values: literals, constants, operators, `as`, fields, calls,
//! `Ok`/`Err`, `?`, the framework's reference and array methods, method calls and
//! `Gc::new(S { .. })`), `control.rs` (`if`, `if let Some(v)` / `Ok(v)` / `Err(e)`, loops,
//! `break`/`continue`, `return`, short-circuit operators), `matches.rs` (`match` on
//! integers, on `jit_enum!` enums, on `checked_*` and on `Result`s).
//! The return type is never parsed beyond "is it `()`": `Result` and its aliases are told
//! apart by the builder's traits (`ret_value`, `ret_call`, `call_propagate`, `CallReturn`).
//! Anything outside the subset is a compile error at its span suggesting
//! `#[dont_look_inside]`.

mod control;
mod expr;
pub(crate) mod impls;
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
    /// Whether this is a portal's body (`jit_merge_point!`/`can_enter_jit!` are staged).
    portal: bool,
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

/// Whether the signature has a `self` receiver or mentions `Self` (a method or associated
/// function: staged through `#[look_inside]` on its `impl` block).
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

/// What kind of function is staged.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A free function.
    Free,
    /// A method or associated function of an inherent `impl` (`Self` is in scope).
    Method,
    /// The hidden body of a `#[portal]`: `jit_merge_point!`/`can_enter_jit!` are staged.
    Portal,
}

/// The builder function and registration of a `#[look_inside]` free function (or a
/// portal's body).
pub(crate) fn stage(func: &ItemFn, kind: Kind) -> syn::Result<TokenStream> {
    if kind == Kind::Free && is_method(func) {
        return Err(syn::Error::new(
            func.sig.ident.span(),
            "`#[look_inside]` on a method or associated function also needs \
             `#[jitgen_core::look_inside]` on its `impl` block (which tells the macro the type)",
        ));
    }
    let name = &func.sig.ident;
    let build = format_ident!("__jitgen_build_{}", name);
    let body = builder_body(func, kind)?;
    let b = builder();
    let name_str = name.to_string();
    Ok(quote! {
        #[doc(hidden)]
        #[allow(unused, non_snake_case, clippy::all)]
        fn #build(#b: &mut ::jitgen_core::jitcode::Builder<'_>) {
            #body
        }
        ::jitgen_core::__private::inventory::submit! {
            ::jitgen_core::jitcode::StagedEntry {
                type_id: || ::jitgen_core::__private::type_id_of(&#name),
                name: #name_str,
                build: #build,
            }
        }
    })
}

/// Whether the method takes `self` by value (its type is then its own `MethodOwner`).
pub(crate) fn takes_self_by_value(func: &ItemFn) -> bool {
    matches!(func.sig.inputs.first(), Some(FnArg::Receiver(r)) if r.reference.is_none())
}

/// A staged method of `self_ty`: `(items for an impl block of self_ty, module-level items)`:
/// the builder as a hidden associated function (so `Self` keeps its meaning), its
/// registration under the method's fn item, and for a method with a receiver the
/// `StagedMethod` impl through which `recv.name(..)` calls inline.
pub(crate) fn stage_method(
    func: &ItemFn,
    self_ty: &Type,
) -> syn::Result<(TokenStream, TokenStream)> {
    let name = &func.sig.ident;
    let build = format_ident!("__jitgen_build_{}", name);
    let body = builder_body(func, Kind::Method)?;
    let b = builder();
    let name_str = format!("{}::{}", self_ty.to_token_stream(), name).replace(' ', "");
    let assoc = quote! {
        #[doc(hidden)]
        #[allow(unused, non_snake_case, clippy::all)]
        fn #build(#b: &mut ::jitgen_core::jitcode::Builder<'_>) {
            #body
        }
    };
    let module = quote! {
        ::jitgen_core::__private::inventory::submit! {
            ::jitgen_core::jitcode::StagedEntry {
                type_id: || ::jitgen_core::__private::type_id_of(&<#self_ty>::#name),
                name: #name_str,
                build: <#self_ty>::#build,
            }
        }
    };
    Ok((assoc, module))
}

/// For a method with a receiver in a `#[look_inside] impl`, staged or not: the
/// `StagedMethod` impl keying `recv.name(..)` calls by the method's fn item.
pub(crate) fn method_dispatch(func: &syn::ImplItemFn, self_ty: &Type) -> TokenStream {
    if !matches!(func.sig.inputs.first(), Some(FnArg::Receiver(_))) {
        return TokenStream::new();
    }
    let name = &func.sig.ident;
    let method_name = name.to_string();
    let name_str = format!("{}::{}", self_ty.to_token_stream(), name).replace(' ', "");
    quote! {
        impl ::jitgen_core::jitcode::dispatch::StagedMethod<{ ::jitgen_core::layout::field_id(#method_name) }> for #self_ty {
            fn key() -> ::core::any::TypeId {
                ::jitgen_core::__private::type_id_of(&<#self_ty>::#name)
            }
            fn name() -> &'static str {
                #name_str
            }
        }
    }
}

/// The body of a builder function: the return type, the parameters, the translated body.
fn builder_body(func: &ItemFn, kind: Kind) -> syn::Result<TokenStream> {
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
        let arg = match input {
            FnArg::Receiver(r) => {
                let this = self_register();
                let ty = match (&r.reference, &r.mutability, r.colon_token) {
                    (Some(_), None, None) => quote! { ::jitgen_core::gc::Gc<Self> },
                    (None, None, None) => quote! { Self },
                    _ => return Err(unsupported(r, "a receiver other than `&self` or `self`")),
                };
                prologue.extend(quote! { let #this = #b.param::<#ty>(); });
                continue;
            }
            FnArg::Typed(arg) => arg,
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
        portal: kind == Kind::Portal,
    };
    let body = stager.body(&func.block.stmts)?;
    Ok(quote! { #prologue #body })
}

/// The builder-side name of `self`.
pub(super) fn self_register() -> Ident {
    Ident::new("__jitgen_self", Span::call_site())
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
