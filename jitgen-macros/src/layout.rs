//! `#[jitgen_core::layout]`: turns a plain struct into a GC struct whose layout the JIT knows.
//!
//! Generated for `struct S { f: T, .. }`:
//! - `#[repr(C)]` on the struct (so field offsets are fixed and the header-less object starts
//!   at the address a `Gc` points to);
//! - `unsafe impl Trace` calling `Trace::trace` on every field (a field type that does not
//!   implement `Trace`, e.g. `Vec<Gc<_>>`, is a compile error at that field);
//! - `unsafe impl GcType` returning one `static TypeInfo` (a unique address per type);
//! - `unsafe impl HasField<{ field_id("f") }>` per field, with its descriptor;
//! - `set_f` for each `#[quasi_immutable]` field (the write that invalidates compiled code);
//! - const assertions that `#[immutable]` fields really are immutable and that no
//!   quasi-immutable field was left unmarked (e.g. through a type alias);
//! - for a struct with a `VableToken` field, `unsafe impl Virtualizable` (it can be a
//!   driver's virtualizable), whose layout lists the `#[virtualizable]` fields: `Mut<T>`
//!   fields compiled code keeps in registers, and `Gc<GcArray<T>>` fields whose items it
//!   keeps in registers.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Attribute, Field, Fields, GenericArgument, Ident, Item, ItemStruct, PathArguments, Type,
};

use crate::util::{field_id, last_segment, take_attrs, type_named, Errors};

/// The field attributes this macro consumes.
const FIELD_ATTRS: [&str; 4] = ["immutable", "quasi_immutable", "opaque", "virtualizable"];

/// Expands `#[layout]` (errors become `compile_error!`s next to the item).
pub(crate) fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.at(args.span(), "`#[jitgen_core::layout]` takes no arguments");
    }
    let item = match syn::parse2::<Item>(input.clone()) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let mut item = match item {
        Item::Struct(s) => s,
        Item::Enum(e) => {
            let (enum_token, ident) = (&e.enum_token, &e.ident);
            errors.spanned(
                quote!(#enum_token #ident),
                "`#[jitgen_core::layout]` applies to structs with named fields, not to enums",
            );
            return with_errors(input, &errors);
        }
        Item::Union(u) => {
            errors.at(
                u.union_token.span,
                "`#[jitgen_core::layout]` applies to structs with named fields, not to unions",
            );
            return with_errors(input, &errors);
        }
        other => {
            errors.at(
                other.span(),
                "`#[jitgen_core::layout]` applies to structs with named fields",
            );
            return with_errors(input, &errors);
        }
    };
    let fields = take_field_attrs(&mut item, &mut errors);
    check_shape(&item, &mut errors);
    let has_repr_c = check_repr(&item.attrs, &mut errors);
    check_field_ids(&fields, &mut errors);
    check_tokens(&fields, &mut errors);
    if !errors.is_empty() {
        return with_errors(quote!(#item), &errors);
    }
    if !has_repr_c {
        item.attrs.push(syn::parse_quote!(#[repr(C)]));
    }
    let generated = generate(&item, &fields);
    quote! { #item #generated }
}

/// The original tokens followed by the errors (so the item's name still resolves and later
/// code does not drown the real error in follow-up ones).
fn with_errors(item: TokenStream, errors: &Errors) -> TokenStream {
    let errors = errors.to_tokens();
    quote! { #item #errors }
}

/// A field with the attributes this macro consumed from it.
struct FieldInfo {
    ident: Ident,
    name: String,
    ty: Type,
    immutable: Option<Span>,
    /// `T` for a `#[quasi_immutable] f: QuasiImmut<T>` field.
    quasi_value: Option<Type>,
    opaque: bool,
    /// `#[virtualizable]`: where the attribute was.
    virtualizable: Option<Span>,
}

/// Strips the layout field attributes from every named field and validates them.
fn take_field_attrs(item: &mut ItemStruct, errors: &mut Errors) -> Vec<FieldInfo> {
    let mut out = Vec::new();
    let Fields::Named(named) = &mut item.fields else {
        return out;
    };
    for field in &mut named.named {
        let [immutable, quasi, opaque, virtualizable] =
            FIELD_ATTRS.map(|name| single_flag(&mut field.attrs, name, errors));
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        check_field_attrs(field, immutable, quasi, opaque, errors);
        let quasi_value = quasi.and_then(|_| quasi_immut_arg(&field.ty));
        if quasi.is_some() && quasi_value.is_none() && type_named(&field.ty, "QuasiImmut") {
            errors.at(field.ty.span(), "write the value type out: `QuasiImmut<T>`");
        }
        out.push(FieldInfo {
            name: ident.unraw().to_string(),
            ident,
            ty: field.ty.clone(),
            immutable,
            quasi_value,
            opaque: opaque.is_some(),
            virtualizable,
        });
    }
    out
}

/// Removes the flag attribute `#[name]` and returns its span if it was present.
fn single_flag(attrs: &mut Vec<Attribute>, name: &str, errors: &mut Errors) -> Option<Span> {
    let taken = take_attrs(attrs, name);
    for attr in &taken {
        if attr.meta.require_path_only().is_err() {
            errors.at(
                attr.meta.span(),
                format_args!("`#[{name}]` takes no arguments"),
            );
        }
    }
    for dup in taken.iter().skip(1) {
        errors.at(dup.path().span(), format_args!("duplicate `#[{name}]`"));
    }
    taken.first().map(|a| a.path().span())
}

/// The rules tying field attributes to field types.
fn check_field_attrs(
    field: &Field,
    immutable: Option<Span>,
    quasi: Option<Span>,
    opaque: Option<Span>,
    errors: &mut Errors,
) {
    let ident = field.ident.as_ref().expect("named field");
    let is_quasi = type_named(&field.ty, "QuasiImmut");
    let is_mut = type_named(&field.ty, "Mut");
    if let Some(span) = immutable {
        if is_mut || is_quasi {
            errors.at(span, format_args!(
                "`#[immutable]` on `{ident}`, whose type is mutable; remove the attribute or make the field a plain value"
            ));
        }
    }
    match (quasi, is_quasi) {
        (Some(span), false) => errors.at(span, format_args!(
            "`#[quasi_immutable]` only applies to `QuasiImmut<T>` fields; declare `{ident}: QuasiImmut<..>`"
        )),
        (None, true) => errors.at(field.ty.span(), format_args!(
            "`{ident}` is a `QuasiImmut` field: mark it `#[quasi_immutable]` (writes through `set_{}` invalidate compiled code)",
            ident.unraw()
        )),
        _ => {}
    }
    if let (Some(span), true) = (opaque, quasi.is_some() || is_mut || is_quasi) {
        errors.at(
            span,
            "`#[opaque]` fields are data the JIT cannot read; they cannot be `Mut` or `QuasiImmut`",
        );
    }
}

/// Rejects generic, tuple and unit structs.
fn check_shape(item: &ItemStruct, errors: &mut Errors) {
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        errors.spanned(&item.generics, "layout structs cannot be generic: the JIT needs one fixed layout and one type descriptor per struct");
    }
    match &item.fields {
        Fields::Named(_) => {}
        Fields::Unnamed(f) => errors.spanned(f, "layout structs need named fields (descriptors name every field); tuple structs are not supported"),
        Fields::Unit => errors.at(item.ident.span(), "layout structs need named fields; unit structs are not supported"),
    }
}

/// Accepts `repr(C)` and `repr(align(N))`, rejects any other repr. Returns whether `C` was
/// already requested.
fn check_repr(attrs: &[Attribute], errors: &mut Errors) -> bool {
    let mut has_c = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("C") {
                has_c = true;
                Ok(())
            } else if meta.path.is_ident("align") {
                let content;
                syn::parenthesized!(content in meta.input);
                content.parse::<syn::LitInt>().map(drop)
            } else {
                Err(meta.error("conflicting `repr`: a layout struct is `#[repr(C)]` (only `align(N)` may be added)"))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    has_c
}

/// Reports two fields whose names hash to the same field id.
/// Whether the field is a `VableToken` (which makes the struct virtualizable).
fn is_token(field: &FieldInfo) -> bool {
    type_named(&field.ty, "VableToken")
}

/// A virtualizable struct has one token; `#[virtualizable]` fields are `Mut<T>` or
/// `Gc<array>` fields of such a struct.
fn check_tokens(fields: &[FieldInfo], errors: &mut Errors) {
    for extra in fields.iter().filter(|f| is_token(f)).skip(1) {
        errors.spanned(
            &extra.ty,
            "a layout struct has at most one `VableToken` field",
        );
    }
    let has_token = fields.iter().any(is_token);
    for field in fields {
        let Some(span) = field.virtualizable else {
            continue;
        };
        if !has_token {
            errors.at(span, "`#[virtualizable]` fields belong to a virtualizable struct: add a field `vable: jitgen_core::virtualizable::VableToken`");
        } else if !type_named(&field.ty, "Mut") && !type_named(&field.ty, "Gc") {
            errors.at(span, format_args!(
                "`#[virtualizable]` applies to `Mut<T>` fields (kept in registers) and `Gc<GcArray<T>>` fields (their items kept in registers), not to `{}`",
                field.name
            ));
        }
    }
}

fn check_field_ids(fields: &[FieldInfo], errors: &mut Errors) {
    for (i, field) in fields.iter().enumerate() {
        if let Some(prev) = fields[..i]
            .iter()
            .find(|p| field_id(&p.name) == field_id(&field.name))
        {
            errors.at(
                field.ident.span(),
                format_args!(
                    "field ids of `{}` and `{}` collide; rename one of them",
                    prev.name, field.name
                ),
            );
        }
    }
}

/// The trait impls, setters and assertions for a validated struct.
fn generate(item: &ItemStruct, fields: &[FieldInfo]) -> TokenStream {
    let ty = &item.ident;
    let type_name = ty.unraw().to_string();
    let has_field = |f: &FieldInfo| {
        let name = &f.name;
        quote!(<#ty as ::jitgen_core::layout::HasField<{ ::jitgen_core::layout::field_id(#name) }>>)
    };
    let mut out = TokenStream::new();
    let traces = fields.iter().map(|f| {
        let ident = &f.ident;
        quote_spanned!(f.ty.span()=> ::jitgen_core::gc::Trace::trace(&self.#ident, tracer);)
    });
    let has_refs = fields.iter().map(|f| {
        let fty = &f.ty;
        quote!(<#fty as ::jitgen_core::gc::Trace>::HAS_REFS)
    });
    let descrs = fields.iter().map(|f| {
        let path = has_field(f);
        quote!(#path::DESCR)
    });
    out.extend(quote! {
        unsafe impl ::jitgen_core::gc::Trace for #ty {
            const HAS_REFS: bool = false #(|| #has_refs)*;

            #[inline]
            fn trace(&self, tracer: &mut ::jitgen_core::gc::Tracer<'_>) {
                #(#traces)*
            }
        }
        unsafe impl ::jitgen_core::gc::GcType for #ty {
            #[inline]
            fn type_info() -> &'static ::jitgen_core::gc::TypeInfo {
                static INFO: ::jitgen_core::gc::TypeInfo =
                    ::jitgen_core::gc::TypeInfo::of::<#ty>(#type_name, &[#(#descrs),*]);
                &INFO
            }
        }
    });
    for f in fields {
        out.extend(has_field_impl(ty, f));
        out.extend(mutability_check(f, &has_field(f)));
    }
    if let Some(token) = fields.iter().find(|f| is_token(f)) {
        let (ident, path) = (&token.ident, has_field(token));
        let virtualized = fields.iter().filter(|f| f.virtualizable.is_some());
        let (scalars, arrays): (Vec<&FieldInfo>, Vec<&FieldInfo>) =
            virtualized.partition(|f| type_named(&f.ty, "Mut"));
        let scalars = scalars.iter().map(|f| {
            let path = has_field(f);
            quote!(::jitgen_core::jitcode::FieldRef::new::<#ty>(#path::DESCR))
        });
        let arrays = arrays.iter().map(|f| {
            let (path, fty) = (has_field(f), &f.ty);
            quote_spanned! {fty.span()=>
                ::jitgen_core::virtualizable::VableArray {
                    field: ::jitgen_core::jitcode::FieldRef::new::<#ty>(#path::DESCR),
                    items: <#fty as ::jitgen_core::virtualizable::VableArrayField>::items(),
                }
            }
        });
        out.extend(quote_spanned! {token.ty.span()=>
            unsafe impl ::jitgen_core::virtualizable::Virtualizable for #ty {
                const TOKEN: ::jitgen_core::layout::FieldDescr = #path::DESCR;
                #[inline]
                fn vable_token(&self) -> &::jitgen_core::virtualizable::VableToken {
                    &self.#ident
                }
                fn vable_layout() -> &'static ::jitgen_core::virtualizable::VableLayout {
                    static LAYOUT: ::std::sync::LazyLock<::jitgen_core::virtualizable::VableLayout> =
                        ::std::sync::LazyLock::new(|| ::jitgen_core::virtualizable::VableLayout {
                            fields: ::std::vec![#(#scalars),*],
                            arrays: ::std::vec![#(#arrays),*],
                        });
                    &LAYOUT
                }
            }
        });
    }
    let setters: Vec<TokenStream> = fields.iter().filter_map(setter).collect();
    if !setters.is_empty() {
        out.extend(quote!(impl #ty { #(#setters)* }));
    }
    out
}

/// `unsafe impl HasField<{ field_id("f") }> for S`, spanned at the field.
fn has_field_impl(ty: &Ident, f: &FieldInfo) -> TokenStream {
    let (ident, name, fty) = (&f.ident, &f.name, &f.ty);
    let (kind, mutability) = if f.opaque {
        (
            quote!(::jitgen_core::layout::ValueKind::Opaque),
            quote!(::jitgen_core::layout::Mutability::Immutable),
        )
    } else {
        (
            quote_spanned!(fty.span()=> <#fty as ::jitgen_core::layout::FieldType>::KIND),
            quote_spanned!(fty.span()=> <#fty as ::jitgen_core::layout::FieldType>::MUTABILITY),
        )
    };
    quote_spanned! {fty.span()=>
        unsafe impl ::jitgen_core::layout::HasField<{ ::jitgen_core::layout::field_id(#name) }> for #ty {
            type Type = #fty;
            const DESCR: ::jitgen_core::layout::FieldDescr = ::jitgen_core::layout::FieldDescr {
                name: #name,
                offset: ::core::mem::offset_of!(#ty, #ident),
                size: ::core::mem::size_of::<#fty>(),
                kind: #kind,
                mutability: #mutability,
            };
        }
    }
}

/// Const assertions on a field's declared mutability that the syntax alone cannot see
/// (type aliases): `#[immutable]` fields are immutable, unmarked fields are not quasi-immutable.
fn mutability_check(f: &FieldInfo, has_field: &TokenStream) -> TokenStream {
    if f.opaque || f.quasi_value.is_some() {
        return TokenStream::new();
    }
    let name = &f.name;
    let mutability = quote!(#has_field::DESCR.mutability);
    let (span, holds, message) = match f.immutable {
        Some(span) => (
            span,
            quote!(::core::matches!(#mutability, ::jitgen_core::layout::Mutability::Immutable)),
            format!("field `{name}` is marked #[immutable] but its type is mutable"),
        ),
        None => (
            f.ty.span(),
            quote!(
                !::core::matches!(#mutability, ::jitgen_core::layout::Mutability::QuasiImmutable)
            ),
            format!("field `{name}` is quasi-immutable: mark it #[quasi_immutable]"),
        ),
    };
    quote_spanned!(span=> const _: () = ::core::assert!(#holds, #message);)
}

/// `pub fn set_f(&self, value: T)` for a `#[quasi_immutable] f: QuasiImmut<T>` field.
fn setter(f: &FieldInfo) -> Option<TokenStream> {
    let value_ty = f.quasi_value.as_ref()?;
    let ident = &f.ident;
    let name = format_ident!("set_{}", ident.unraw());
    let doc = format!(
        "Writes `{}`; compiled code that folded the old value is invalidated.",
        f.name
    );
    Some(quote_spanned! {f.ty.span()=>
        #[doc = #doc]
        #[allow(dead_code)]
        #[inline]
        pub fn #name(&self, value: #value_ty) {
            self.#ident.set(value)
        }
    })
}

/// `T` in `QuasiImmut<T>`.
fn quasi_immut_arg(ty: &Type) -> Option<Type> {
    match &last_segment(ty)?.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        }),
        _ => None,
    }
}
