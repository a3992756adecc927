//! The function hints: `#[look_inside]`, `#[dont_look_inside(effects(..))]`, `#[elidable]`,
//! `#[unroll_safe]`, `#[loop_invariant]`, on free functions and on methods.
//!
//! Natively they leave the function as written. `#[look_inside]` on a free function also
//! emits its jitcode builder and registration (`stage/`); on a method (a function with a
//! `self` receiver or mentioning `Self`) it only validates, for now. They validate, with errors at the
//! offending span:
//! - they apply to functions with a body only;
//! - conflicting hints on one function (e.g. `look_inside` with `dont_look_inside`; elidable
//!   and loop-invariant functions are residual calls, so they exclude tracing into them) and
//!   repeated hints are rejected;
//! - `#[elidable]` and `#[loop_invariant]` need a return value and no `&mut` parameters;
//! - `effects(reads(T.f, ..), writes(T.f, ..), cannot_raise)` accepts only those keys, and
//!   each `T.f` must be a field of a layout struct: a const item placed at the top of the
//!   function body names `<T as HasField<{ field_id("f") }>>::DESCR`, so a typo is a rustc
//!   error at that name. Natively that item costs nothing.
//!
//! On a non-generic free function, `effects(..)` is also made real: instead of that const item,
//! an `inventory` submission of a `jitgen_core::jitcode::DeclaredEffects` (built from the same
//! `DESCR`s, so a typo is the same error) lets `Registry::with_staged()` declare the
//! function's residual effects. On a method or a generic function it is validation only: a
//! module-level item cannot be emitted inside an impl, nor a generic fn item keyed.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{FnArg, Ident, Item, ItemFn, ReturnType, Token, Type, TypeReference};

use crate::util::Errors;

/// One of the function hints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// `#[look_inside]`.
    LookInside,
    /// `#[dont_look_inside]`.
    DontLookInside,
    /// `#[elidable]`.
    Elidable,
    /// `#[unroll_safe]`.
    UnrollSafe,
    /// `#[loop_invariant]`.
    LoopInvariant,
}

impl Hint {
    const ALL: [Hint; 5] = [
        Hint::LookInside,
        Hint::DontLookInside,
        Hint::Elidable,
        Hint::UnrollSafe,
        Hint::LoopInvariant,
    ];

    /// The attribute's name.
    fn name(self) -> &'static str {
        match self {
            Hint::LookInside => "look_inside",
            Hint::DontLookInside => "dont_look_inside",
            Hint::Elidable => "elidable",
            Hint::UnrollSafe => "unroll_safe",
            Hint::LoopInvariant => "loop_invariant",
        }
    }

    /// Whether the JIT traces into a function with this hint.
    fn traced_into(self) -> bool {
        matches!(self, Hint::LookInside | Hint::UnrollSafe)
    }

    /// Why `self` and `other` cannot be combined, if they cannot.
    fn conflict(self, other: Hint) -> Option<&'static str> {
        use Hint::*;
        match (self, other) {
            (Elidable, LoopInvariant) | (LoopInvariant, Elidable) => {
                Some("an elidable function is folded or CSE'd per call, a loop-invariant one computed once per loop; pick one")
            }
            (Elidable | LoopInvariant, LookInside | UnrollSafe) | (LookInside | UnrollSafe, Elidable | LoopInvariant) => {
                Some("elidable and loop-invariant functions are residual calls: the JIT does not trace into them")
            }
            _ if self.traced_into() != other.traced_into() => {
                Some("one asks the JIT to trace into the function, the other never to")
            }
            _ => None,
        }
    }
}

/// Expands one hint attribute (errors become `compile_error!`s next to the function).
/// `#[look_inside]` on an inherent `impl` block stages its marked methods (`stage::impls`).
pub(crate) fn expand(hint: Hint, args: TokenStream, input: TokenStream) -> TokenStream {
    let name = hint.name();
    let mut func = match syn::parse2::<ItemFn>(input.clone()) {
        Ok(func) => func,
        Err(_) => {
            if hint == Hint::LookInside {
                if let Ok(item) = syn::parse2::<syn::ItemImpl>(input.clone()) {
                    return crate::stage::impls::expand(args, item);
                }
            }
            let mut errors = Errors::default();
            let also = if hint == Hint::LookInside {
                " (and to inherent `impl` blocks)"
            } else {
                ""
            };
            errors.at(
                item_span(&input),
                format_args!("`#[{name}]` applies to functions and methods with a body{also}"),
            );
            let errors = errors.to_tokens();
            return quote! { #input #errors };
        }
    };
    let (mut errors, effects) = check(hint, args, &func);
    let mut staged = TokenStream::new();
    let declared = effects
        .as_ref()
        .filter(|_| !crate::stage::is_method(&func) && func.sig.generics.params.is_empty());
    let checks = match declared {
        Some(effects) => {
            let name = &func.sig.ident;
            staged = declare_effects(&quote! { #name }, effects);
            TokenStream::new()
        }
        None => effects.as_ref().map(field_checks).unwrap_or_default(),
    };
    if hint == Hint::Elidable
        && errors.is_empty()
        && !crate::stage::is_method(&func)
        && func.sig.generics.params.is_empty()
    {
        let name = &func.sig.ident;
        staged.extend(declare_elidable(&quote! { #name }));
    }
    if hint == Hint::LookInside && errors.is_empty() {
        match crate::stage::stage(&func, crate::stage::Kind::Free) {
            Ok(code) => staged = code,
            Err(error) => errors.push(error),
        }
    }
    let errors = errors.to_tokens();
    if checks.is_empty() {
        return quote! { #input #staged #errors };
    }
    func.block
        .stmts
        .insert(0, syn::parse_quote!(const _: () = { #checks };));
    quote! { #func #errors }
}

/// The checks of one hint on a function: the errors found (conflicting hints, arguments,
/// signatures of pure functions).
pub(crate) fn validate(hint: Hint, args: TokenStream, func: &ItemFn) -> Errors {
    check(hint, args, func).0
}

/// [`validate`], also returning the parsed `effects(...)` of `#[dont_look_inside]`.
fn check(hint: Hint, args: TokenStream, func: &ItemFn) -> (Errors, Option<Effects>) {
    let name = hint.name();
    let mut errors = Errors::default();
    check_other_hints(hint, func, &mut errors);
    let mut effects = None;
    match hint {
        Hint::DontLookInside => match syn::parse2::<DontLookInsideArgs>(args) {
            Ok(parsed) => effects = parsed.effects,
            Err(e) => errors.push(e),
        },
        _ if !args.is_empty() => {
            errors.at(args.span(), format_args!("`#[{name}]` takes no arguments"))
        }
        _ => {}
    }
    if matches!(hint, Hint::Elidable | Hint::LoopInvariant) {
        check_pure_signature(hint, func, &mut errors);
    }
    (errors, effects)
}

/// A good span for "this is not a function": the item's name if it has one.
fn item_span(input: &TokenStream) -> Span {
    let named = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Struct(i)) => Some(i.ident),
        Ok(Item::Enum(i)) => Some(i.ident),
        Ok(Item::Const(i)) => Some(i.ident),
        Ok(Item::Static(i)) => Some(i.ident),
        Ok(Item::Trait(i)) => Some(i.ident),
        Ok(Item::Type(i)) => Some(i.ident),
        Ok(Item::Mod(i)) => Some(i.ident),
        Ok(Item::Union(i)) => Some(i.ident),
        _ => None,
    };
    named.map_or_else(|| input.span(), |ident| ident.span())
}

/// Rejects the other hint attributes still on the function that repeat or contradict `hint`
/// (attributes written before it have already been expanded; the first of a conflicting pair
/// sees the second).
fn check_other_hints(hint: Hint, func: &ItemFn, errors: &mut Errors) {
    for attr in &func.attrs {
        let Some(last) = attr.path().segments.last() else {
            continue;
        };
        let Some(other) = Hint::ALL.into_iter().find(|h| last.ident == h.name()) else {
            continue;
        };
        if other == hint {
            errors.at(
                attr.path().span(),
                format_args!("duplicate `#[{}]`", hint.name()),
            );
        } else if let Some(reason) = hint.conflict(other) {
            errors.at(
                attr.path().span(),
                format_args!(
                    "`#[{}]` conflicts with `#[{}]`: {reason}",
                    other.name(),
                    hint.name()
                ),
            );
        }
    }
}

/// `#[elidable]` / `#[loop_invariant]`: a result, and no `&mut` parameters.
fn check_pure_signature(hint: Hint, func: &ItemFn, errors: &mut Errors) {
    let name = hint.name();
    let sig = &func.sig;
    let returns_nothing = match &sig.output {
        ReturnType::Default => true,
        ReturnType::Type(_, ty) => matches!(&**ty, Type::Tuple(t) if t.elems.is_empty()),
    };
    if returns_nothing {
        errors.spanned(sig, format_args!(
            "`#[{name}]` functions must return a value: the JIT replaces calls to them by their result"
        ));
    }
    for input in &sig.inputs {
        let offending = match input {
            FnArg::Receiver(r) if r.mutability.is_some() && r.reference.is_some() => {
                Some(r.to_token_stream())
            }
            FnArg::Receiver(_) => None,
            FnArg::Typed(arg) => {
                let mut finder = MutRefFinder(None);
                finder.visit_type(&arg.ty);
                finder.0.map(ToTokens::to_token_stream)
            }
        };
        if let Some(tokens) = offending {
            errors.spanned(tokens, format_args!(
                "`#[{name}]` functions cannot take `&mut` parameters: the JIT assumes they write nothing"
            ));
        }
    }
}

/// Finds the first `&mut` in a type.
struct MutRefFinder<'ast>(Option<&'ast TypeReference>);

impl<'ast> Visit<'ast> for MutRefFinder<'ast> {
    fn visit_type_reference(&mut self, r: &'ast TypeReference) {
        if r.mutability.is_some() && self.0.is_none() {
            self.0 = Some(r);
        } else {
            syn::visit::visit_type_reference(self, r);
        }
    }
}

/// `Type.field` in an effects declaration.
struct FieldRef {
    ty: syn::Path,
    field: Ident,
}

impl Parse for FieldRef {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let ty = syn::Path::parse_mod_style(input)?;
        input.parse::<Token![.]>()?;
        let field = Ident::parse_any(input)?;
        Ok(FieldRef { ty, field })
    }
}

/// The declared effects of a residual call.
#[derive(Default)]
struct Effects {
    reads: Vec<FieldRef>,
    writes: Vec<FieldRef>,
    cannot_raise: bool,
}

/// The arguments of `#[dont_look_inside]`: nothing, or `effects(...)`.
struct DontLookInsideArgs {
    effects: Option<Effects>,
}

impl Parse for DontLookInsideArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut effects: Option<Effects> = None;
        let parser = syn::meta::parser(|meta| {
            if !meta.path.is_ident("effects") {
                return Err(
                    meta.error("unknown `dont_look_inside` argument; expected `effects(...)`")
                );
            }
            if effects.is_some() {
                return Err(meta.error("duplicate `effects(...)`"));
            }
            let declared = effects.insert(Effects::default());
            let mut seen: Vec<String> = Vec::new();
            meta.parse_nested_meta(|key| {
                let name = key.path.to_token_stream().to_string();
                if seen.contains(&name) {
                    return Err(key.error(format_args!("duplicate `{name}`")));
                }
                let list = match name.as_str() {
                    "reads" => &mut declared.reads,
                    "writes" => &mut declared.writes,
                    "cannot_raise" => {
                        declared.cannot_raise = true;
                        seen.push(name);
                        return Ok(());
                    }
                    _ => {
                        return Err(key.error(format_args!(
                            "unknown effect `{name}`; the accepted ones are `reads(Type.field, ..)`, `writes(Type.field, ..)` and `cannot_raise`"
                        )))
                    }
                };
                let content;
                syn::parenthesized!(content in key.input);
                list.extend(Punctuated::<FieldRef, Token![,]>::parse_terminated(&content)?);
                seen.push(name);
                Ok(())
            })
        });
        syn::parse::Parser::parse2(parser, input.parse::<TokenStream>()?)?;
        Ok(DontLookInsideArgs { effects })
    }
}

/// `<T as HasField<{ field_id("f") }>>::DESCR`, spanned at the field's name.
fn field_descr(FieldRef { ty, field }: &FieldRef) -> TokenStream {
    let name = field.unraw().to_string();
    quote_spanned! {field.span()=>
        <#ty as ::jitgen_core::layout::HasField<{ ::jitgen_core::layout::field_id(#name) }>>::DESCR
    }
}

/// Statements naming `<T as HasField<{ field_id("f") }>>::DESCR` for every declared field.
fn field_checks(effects: &Effects) -> TokenStream {
    effects
        .reads
        .iter()
        .chain(&effects.writes)
        .map(|field| {
            let descr = field_descr(field);
            quote! { let _ = #descr; }
        })
        .collect()
}

/// The `inventory` submission of the `DeclaredEffects` of `#[dont_look_inside(args)]` on
/// the method `path` (`<Type>::name`), if `args` declare effects (errors: the argument's).
pub(crate) fn declare_method_effects(
    args: TokenStream,
    path: &TokenStream,
) -> syn::Result<TokenStream> {
    let parsed = syn::parse2::<DontLookInsideArgs>(args)?;
    Ok(parsed
        .effects
        .map(|effects| declare_effects(path, &effects))
        .unwrap_or_default())
}

/// The `inventory` submission declaring the function `path` elidable.
pub(crate) fn declare_elidable(path: &TokenStream) -> TokenStream {
    quote! {
        ::jitgen_core::__private::inventory::submit! {
            ::jitgen_core::jitcode::DeclaredElidable {
                type_id: || ::jitgen_core::__private::type_id_of(&#path),
            }
        }
    }
}

/// The `inventory` submission of the `DeclaredEffects` of the function `name` (a path).
fn declare_effects(name: &TokenStream, effects: &Effects) -> TokenStream {
    let field_refs = |fields: &[FieldRef]| -> Vec<TokenStream> {
        fields
            .iter()
            .map(|field| {
                let ty = &field.ty;
                let descr = field_descr(field);
                quote! { ::jitgen_core::jitcode::FieldRef::new::<#ty>(#descr) }
            })
            .collect()
    };
    let reads = field_refs(&effects.reads);
    let writes = field_refs(&effects.writes);
    let can_raise = !effects.cannot_raise;
    quote! {
        ::jitgen_core::__private::inventory::submit! {
            ::jitgen_core::jitcode::DeclaredEffects {
                type_id: || ::jitgen_core::__private::type_id_of(&#name),
                effects: || ::jitgen_core::jitcode::Effects::declared(
                    &[#(#reads),*],
                    &[#(#writes),*],
                    #can_raise,
                ),
            }
        }
    }
}
