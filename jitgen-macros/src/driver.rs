//! `#[jitgen_core::jit_driver(...)]`: the declaration of one interpreter loop's greens and reds.
//!
//! ```text
//! #[jit_driver(virtualizables(frame), location = toy_location)]
//! pub struct ToyDriver { #[green] pc: usize, #[green] code: Gc<Code>, #[red] frame: Gc<Frame> }
//! ```
//! becomes a `Clone + Copy` struct with public fields and an
//! `impl ::jitgen_core::hints::JitDriver` listing the variables with their value kinds. The
//! portal's `jit_merge_point!(ToyDriver { pc, code, frame })` is a literal of this struct, so
//! rustc checks the variables' names, types and completeness.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Fields, Ident, ItemStruct, Type};

use crate::util::{take_attrs, Errors};

/// The arguments of `#[jit_driver(...)]`.
#[derive(Default)]
struct DriverArgs {
    virtualizables: Vec<Ident>,
    location: Option<syn::Path>,
}

/// Parses `virtualizables(a, b)` and `location = path`, in any order, each at most once.
fn parse_args(args: TokenStream) -> syn::Result<DriverArgs> {
    let mut out = DriverArgs::default();
    let mut seen_virtualizables = false;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("virtualizables") {
            if std::mem::replace(&mut seen_virtualizables, true) {
                return Err(meta.error("duplicate `virtualizables(...)`"));
            }
            meta.parse_nested_meta(|name| {
                out.virtualizables.push(name.path.require_ident()?.clone());
                Ok(())
            })
        } else if meta.path.is_ident("location") {
            if out.location.is_some() {
                return Err(meta.error("duplicate `location = ...`"));
            }
            out.location = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error(
                "unknown `jit_driver` argument; expected `virtualizables(red, ..)` or `location = path_to_fn`",
            ))
        }
    });
    syn::parse::Parser::parse2(parser, args)?;
    Ok(out)
}

/// Whether a driver variable is green (part of the program position) or red.
#[derive(Clone, Copy, PartialEq)]
enum Color {
    Green,
    Red,
}

/// A driver variable.
struct Var {
    ident: Ident,
    ty: Type,
    color: Color,
}

/// Expands `#[jit_driver]` (errors become `compile_error!`s next to the item).
pub(crate) fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let args = parse_args(args).unwrap_or_else(|e| {
        errors.push(e);
        DriverArgs::default()
    });
    let mut item = match syn::parse2::<ItemStruct>(input) {
        Ok(item) => item,
        Err(e) => {
            let message = "`#[jitgen_core::jit_driver]` applies to a struct with named `#[green]` and `#[red]` fields";
            return syn::Error::new(e.span(), message).to_compile_error();
        }
    };
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        errors.spanned(&item.generics, "a JIT driver cannot be generic");
    }
    let vars = take_vars(&mut item, &mut errors);
    if let Some(second) = args.virtualizables.get(1) {
        errors.at(
            second.span(),
            "a driver has at most one virtualizable (the frame compiled code keeps in registers)",
        );
    }
    for name in &args.virtualizables {
        match vars.iter().find(|v| v.ident == *name) {
            Some(v) if v.color == Color::Red => {}
            Some(_) => errors.at(
                name.span(),
                format_args!("`{name}` is green; only red variables can be virtualizable"),
            ),
            None => errors.at(
                name.span(),
                format_args!("`{name}` is not a variable of this driver"),
            ),
        }
    }
    item.attrs
        .push(syn::parse_quote!(#[derive(::core::clone::Clone, ::core::marker::Copy)]));
    // Generated even after an error, so that uses of the driver add no follow-up errors.
    let generated = generate(&item.ident, &vars, &args, errors.is_empty());
    let errors = errors.to_tokens();
    quote! { #item #generated #errors }
}

/// Strips `#[green]`/`#[red]` from the fields (which become `pub`) and returns the variables.
fn take_vars(item: &mut ItemStruct, errors: &mut Errors) -> Vec<Var> {
    let named = match &mut item.fields {
        Fields::Named(named) => named,
        other => {
            errors.spanned(
                other,
                "a JIT driver needs named fields, each `#[green]` or `#[red]`",
            );
            return Vec::new();
        }
    };
    let mut vars = Vec::new();
    for field in &mut named.named {
        let greens = take_attrs(&mut field.attrs, "green");
        let reds = take_attrs(&mut field.attrs, "red");
        for attr in greens.iter().chain(&reds) {
            if let Err(e) = attr.meta.require_path_only() {
                errors.push(e);
            }
        }
        field.vis = syn::parse_quote!(pub);
        let ident = field.ident.clone().expect("named field");
        let color = match (greens.len(), reds.len()) {
            (1, 0) => Color::Green,
            (0, 1) => Color::Red,
            (0, 0) => {
                errors.at(ident.span(), format_args!(
                    "driver variable `{ident}` must be marked `#[green]` (part of the program position) or `#[red]`"
                ));
                continue;
            }
            _ => {
                let span = greens
                    .iter()
                    .chain(&reds)
                    .nth(1)
                    .map_or(ident.span(), |a| a.path().span());
                errors.at(
                    span,
                    format_args!(
                        "driver variable `{ident}` must be either `#[green]` or `#[red]`, once"
                    ),
                );
                continue;
            }
        };
        vars.push(Var {
            ident,
            ty: field.ty.clone(),
            color,
        });
    }
    vars
}

/// The `JitDriver` impl.
fn generate(name: &Ident, vars: &[Var], args: &DriverArgs, well_formed: bool) -> TokenStream {
    let descrs = |color: Color| {
        let items = vars.iter().filter(|v| v.color == color).map(|v| {
            let (var_name, ty) = (v.ident.unraw().to_string(), &v.ty);
            quote_spanned! {ty.span()=>
                ::jitgen_core::hints::VarDescr {
                    name: #var_name,
                    kind: <#ty as ::jitgen_core::layout::FieldType>::KIND,
                }
            }
        });
        quote!(&[#(#items),*])
    };
    let (greens, reds) = (descrs(Color::Green), descrs(Color::Red));
    let virtualizables = args.virtualizables.iter().map(|v| v.unraw().to_string());
    // One constant describes the virtualizable type: registered, and read by `virtualizable()`
    // (so a type that is not virtualizable is reported once).
    let registrations = args.virtualizables.first().and_then(|vable_var| {
        let var = vars
            .iter()
            .find(|v| v.ident == *vable_var && v.color == Color::Red)?;
        let ty = &var.ty;
        Some(quote_spanned! {ty.span()=>
            impl #name {
                #[doc(hidden)]
                const __JITGEN_VABLE: ::jitgen_core::virtualizable::VirtualizableType =
                    ::jitgen_core::virtualizable::VirtualizableType::of::<#ty>();
            }
            ::jitgen_core::__private::inventory::submit! { #name::__JITGEN_VABLE }
        })
    });
    let reds_in_order: Vec<&Var> = vars.iter().filter(|v| v.color == Color::Red).collect();
    let vable = args.virtualizables.first().and_then(|name| {
        let index = reds_in_order.iter().position(|v| v.ident == *name)?;
        Some(quote! {
            fn virtualizable() -> ::core::option::Option<::jitgen_core::virtualizable::VableSpec> {
                ::core::option::Option::Some(::jitgen_core::virtualizable::VableSpec {
                    red: #index,
                    layout: (Self::__JITGEN_VABLE.layout)(),
                })
            }
        })
    });
    let driver_name = name.unraw().to_string();
    let location = args.location.as_ref().map(|path| {
        let span: Span = path.span();
        quote_spanned! {span=>
            fn location(&self) -> ::std::string::String {
                #path(self)
            }
        }
    });
    let ordered: Vec<&Var> = vars
        .iter()
        .filter(|v| v.color == Color::Green)
        .chain(vars.iter().filter(|v| v.color == Color::Red))
        .collect();
    let count = ordered.len();
    let to_values = ordered.iter().map(|v| {
        let ident = &v.ident;
        quote_spanned! {v.ty.span()=> ::jitgen_core::blackhole::Value::of(self.#ident) }
    });
    let from_values = ordered.iter().enumerate().map(|(i, v)| {
        let (ident, ty) = (&v.ident, &v.ty);
        quote_spanned! {ty.span()=> #ident: values[#i].get::<#ty>() }
    });
    let from_values_body = if well_formed {
        quote! {
            // SAFETY: the caller passes values of the variables' types, in this order.
            unsafe { #name { #(#from_values),* } }
        }
    } else {
        // A field is not a variable: the program does not compile anyway.
        quote! { ::core::unreachable!("the driver declaration has errors") }
    };
    let green_words = vars.iter().filter(|v| v.color == Color::Green).map(|v| {
        let ident = &v.ident;
        quote_spanned! {v.ty.span()=> ::jitgen_core::blackhole::Value::of(self.#ident).word() }
    });
    quote! {
        impl ::jitgen_core::hints::JitDriver for #name {
            type Values = [::jitgen_core::blackhole::Value; #count];
            fn to_values(&self) -> Self::Values {
                [#(#to_values),*]
            }
            fn green_hash(&self) -> u64 {
                ::jitgen_core::jit::green_hash(&[#(#green_words),*])
            }
            unsafe fn from_values(values: &[::jitgen_core::blackhole::Value]) -> Self {
                #from_values_body
            }
            const NAME: &'static str = #driver_name;
            const GREENS: &'static [::jitgen_core::hints::VarDescr] = #greens;
            const REDS: &'static [::jitgen_core::hints::VarDescr] = #reds;
            const VIRTUALIZABLES: &'static [&'static str] = &[#(#virtualizables),*];
            #location
            #vable
        }
        #registrations
    }
}
