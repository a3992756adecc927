//! `#[look_inside]` on an inherent `impl` block: stages the methods in it that are marked
//! `#[look_inside]` themselves (the block's attribute is what tells the macro the type's
//! name, which a method's own attribute cannot see). Every method with a receiver gets a
//! `StagedMethod` impl, so calls to it are keyed by its fn item: inline when staged,
//! residual with the effects of its `#[dont_look_inside(effects(..))]` otherwise. Each marked method is validated like a
//! free function, loses its attribute, and gets its builder inside a second `impl` block of
//! the type plus its registration and dispatch impl at module level. A type with by-value
//! `self` methods is declared its own `MethodOwner` (once per block: such methods belong in
//! one `#[look_inside] impl` block per type).

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{ImplItem, ItemFn, ItemImpl};

use crate::hints::{self, Hint};
use crate::util::Errors;

/// Whether an attribute is the hint `name` (any path ending in it).
fn is_hint(attr: &syn::Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == name)
}

/// The tokens inside an attribute's parentheses (nothing for a bare path).
fn attr_args(attr: &syn::Attribute) -> TokenStream {
    match &attr.meta {
        syn::Meta::Path(_) => TokenStream::new(),
        syn::Meta::List(list) => list.tokens.clone(),
        syn::Meta::NameValue(nv) => quote! { #nv },
    }
}

/// Expands `#[look_inside] impl T { .. }`.
pub(crate) fn expand(args: TokenStream, mut item: ItemImpl) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.at(args.span(), "`#[look_inside]` takes no arguments");
    }
    if let Some((_, path, _)) = &item.trait_ {
        errors.spanned(
            path,
            "`#[look_inside]` stages the methods of an inherent `impl` only, not of a trait impl",
        );
    }
    if !item.generics.params.is_empty() {
        errors.spanned(
            &item.generics,
            "`#[look_inside]` cannot stage the methods of a generic `impl`",
        );
    }
    let self_ty = (*item.self_ty).clone();
    let (mut assoc, mut module) = (TokenStream::new(), TokenStream::new());
    let can_stage = errors.is_empty();
    let mut by_value = false;
    for impl_item in &mut item.items {
        let ImplItem::Fn(method) = impl_item else {
            continue;
        };
        if can_stage {
            module.extend(crate::stage::method_dispatch(method, &self_ty));
        }
        if let Some(attr) = method.attrs.iter().find(|a| is_hint(a, "dont_look_inside")) {
            let name = &method.sig.ident;
            let path = quote! { <#self_ty>::#name };
            // Errors in the arguments are reported by the method's own attribute.
            if let (true, Ok(declared)) = (
                can_stage,
                hints::declare_method_effects(attr_args(attr), &path),
            ) {
                module.extend(declared);
            }
        }
        if can_stage && method.attrs.iter().any(|a| is_hint(a, "elidable")) {
            let name = &method.sig.ident;
            module.extend(hints::declare_elidable(&quote! { <#self_ty>::#name }));
        }
        let Some(index) = method.attrs.iter().position(|a| is_hint(a, "look_inside")) else {
            continue;
        };
        let attr = method.attrs.remove(index);
        let func = ItemFn {
            attrs: method.attrs.clone(),
            vis: method.vis.clone(),
            sig: method.sig.clone(),
            block: Box::new(method.block.clone()),
        };
        let before = hints::validate(Hint::LookInside, attr_args(&attr), &func);
        let valid = before.is_empty();
        errors.extend(before);
        if !(valid && can_stage) {
            continue;
        }
        by_value |= crate::stage::takes_self_by_value(&func);
        match crate::stage::stage_method(&func, &self_ty) {
            Ok((inside, outside)) => {
                assoc.extend(inside);
                module.extend(outside);
            }
            Err(e) => errors.push(e),
        }
    }
    let owner = by_value.then(|| {
        quote! {
            impl ::jitgen_core::jitcode::dispatch::MethodOwner for #self_ty {
                type Owner = Self;
            }
        }
    });
    let errors = errors.to_tokens();
    quote! {
        #item
        #owner
        impl #self_ty {
            #assoc
        }
        #module
        #errors
    }
}
