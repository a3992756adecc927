//! Values: literals, local variables, operators (`==`/`!=` on references compare identities),
//! `as` casts, field reads and `Mut` get/set, calls, `Gc::ptr_eq`, and the framework's
//! methods: `is::<T>()`/`downcast::<T>()`, `erase()`, `is_none()`/`is_some()` on nullable
//! references. Any other method call, and `Gc::new(S { .. })`, is a residual call of a
//! non-capturing closure over the registers, except that `len()`/`get(i)`/`set(i, v)` are
//! resolved by the receiver's type (`jitcode::dispatch`): array instructions on GC arrays.
//! Each translation is a builder-side expression evaluating to the `Reg<T>` holding the value
//! (or `()` for calls of functions returning nothing).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    BinOp, Expr, ExprCall, ExprField, ExprMethodCall, ExprStruct, GenericArgument, Ident, Lit,
    Member, UnOp,
};

use super::matches::ArmMode;
use super::stmt::path_name;
use super::{builder, unsupported, Stager};

impl Stager {
    /// The register holding the value of `e`.
    pub(super) fn value(&mut self, e: &Expr) -> syn::Result<TokenStream> {
        let b = builder();
        match e {
            Expr::Lit(lit) => literal(&lit.lit, false),
            Expr::Paren(p) => self.value(&p.expr),
            Expr::Group(g) => self.value(&g.expr),
            Expr::Path(p) if p.qself.is_none() => match p.path.get_ident() {
                Some(name) if name == "self" => {
                    let this = super::self_register();
                    Ok(quote! { #this })
                }
                // `None` as a value: a null reference of the type the use asks for.
                Some(name) if name == "None" => Ok(quote_spanned! {p.span()=> #b.constant(None) }),
                Some(name) if !is_constant_name(name) => Ok(quote! { #name }),
                // `Op::Add`, `MAX_DEPTH`: a constant of a register type.
                _ => Ok(quote_spanned! {p.span()=> #b.constant(#p) }),
            },
            Expr::Tuple(t) if t.elems.is_empty() => Ok(quote! { () }),
            Expr::Binary(bin) => {
                let method = match &bin.op {
                    BinOp::And(_) | BinOp::Or(_) => return self.short_circuit(bin),
                    op => binary_method(op).ok_or_else(|| unsupported(e, "this operator"))?,
                };
                let method = syn::Ident::new(method, bin.op.span());
                let (left, right) = (self.value(&bin.left)?, self.value(&bin.right)?);
                Ok(quote_spanned! {bin.op.span()=> {
                    let __jitgen_l = #left;
                    let __jitgen_r = #right;
                    #b.#method(__jitgen_l, __jitgen_r)
                }})
            }
            Expr::Unary(u) => {
                let method = match u.op {
                    UnOp::Neg(_) => {
                        if let Expr::Lit(lit) = &*u.expr {
                            return literal(&lit.lit, true);
                        }
                        quote_spanned!(u.op.span()=> neg)
                    }
                    UnOp::Not(_) => quote_spanned!(u.op.span()=> not),
                    _ => return Err(unsupported(e, "a dereference (`*`)")),
                };
                let operand = self.value(&u.expr)?;
                Ok(quote! { { let __jitgen_x = #operand; #b.#method(__jitgen_x) } })
            }
            Expr::Block(block) if block.label.is_none() && block.block.stmts.is_empty() => {
                Err(unsupported(e, "an empty block as a value"))
            }
            Expr::Block(block) if block.label.is_none() => {
                let dst = self.fresh("block");
                let code = self.block_into(&block.block, &dst)?;
                Ok(quote! {{ let #dst = #b.fresh_value(); #code #dst }})
            }
            Expr::If(i) => self.if_value(i),
            Expr::Match(m) => {
                let dst = self.fresh("match");
                let code = self.match_(m, &ArmMode::Into(dst.clone()))?;
                Ok(quote! {{ let #dst = #b.fresh_value(); #code #dst }})
            }
            Expr::Call(call) => self.call(call, CallMode::Value),
            Expr::Try(t) => match &*t.expr {
                Expr::Call(call) if result_constructor(call).is_none() => {
                    self.call(call, CallMode::Propagate)
                }
                Expr::MethodCall(call) if !is_special_method(call) => {
                    self.method(call, CallMode::Propagate)
                }
                other => {
                    let result = self.value(other)?;
                    Ok(quote_spanned! {t.question_token.span()=> {
                        let __jitgen_res = #result;
                        #b.try_value(__jitgen_res)
                    }})
                }
            },
            Expr::Field(field) => {
                let (object, id) = self.field(field)?;
                Ok(quote_spanned! {field.member.span()=> {
                    let __jitgen_o = #object;
                    #b.getfield::<{ #id }, _>(__jitgen_o)
                }})
            }
            Expr::MethodCall(call) => self.method_call(call),
            Expr::Cast(cast) => {
                let operand = self.value(&cast.expr)?;
                let ty = &cast.ty;
                Ok(quote_spanned! {cast.ty.span()=> {
                    let __jitgen_x = #operand;
                    #b.cast::<_, #ty>(__jitgen_x)
                }})
            }
            _ => Err(unsupported(e, describe(e))),
        }
    }

    /// `object.f`: the object's register and `field_id("f")`.
    fn field(&mut self, field: &ExprField) -> syn::Result<(TokenStream, TokenStream)> {
        let Member::Named(name) = &field.member else {
            return Err(unsupported(field, "a tuple field"));
        };
        let object = self.value(&field.base)?;
        let name = name.to_string();
        Ok((object, quote! { ::jitgen_core::layout::field_id(#name) }))
    }

    /// `.get()`/`.set(v)` on `Mut` fields and the framework's reference and array methods
    /// become instructions; any other method call is residual.
    fn method_call(&mut self, call: &ExprMethodCall) -> syn::Result<TokenStream> {
        let b = builder();
        if let Some(op) = wrapping_op(call) {
            let (left, right) = (self.value(&call.receiver)?, self.value(&call.args[0])?);
            let op = syn::Ident::new(op, call.method.span());
            return Ok(quote! {{
                let __jitgen_l = #left;
                let __jitgen_r = #right;
                #b.#op(__jitgen_l, __jitgen_r)
            }});
        }
        if !is_special_method(call) {
            return self.method(call, CallMode::Value);
        }
        let method = call.method.to_string();
        let span = call.method.span();
        if let Some(turbofish) = &call.turbofish {
            let [GenericArgument::Type(ty)] = &turbofish.args.iter().collect::<Vec<_>>()[..] else {
                unreachable!("checked by is_special_method");
            };
            let emit = match (method.as_str(), call.args.len()) {
                ("is", 0) => quote_spanned! {span=> #b.class_is::<#ty, _>(__jitgen_o) },
                ("downcast", 0) => quote_spanned! {span=> #b.downcast::<#ty, _>(__jitgen_o) },
                _ => unreachable!("checked by is_special_method"),
            };
            let object = self.value(&call.receiver)?;
            return Ok(quote! {{ let __jitgen_o = #object; #emit }});
        }
        if let (Expr::Field(field), ("get", 0) | ("set", 1)) =
            (&*call.receiver, (method.as_str(), call.args.len()))
        {
            let (object, id) = self.field(field)?;
            if method == "get" {
                return Ok(quote_spanned! {span=> {
                    let __jitgen_o = #object;
                    #b.getfield::<{ #id }, _>(__jitgen_o)
                }});
            }
            let value = self.value(&call.args[0])?;
            return Ok(quote_spanned! {span=> {
                let __jitgen_o = #object;
                let __jitgen_v = #value;
                #b.setfield::<{ #id }, _>(__jitgen_o, __jitgen_v)
            }});
        }
        let emit = match (method.as_str(), call.args.len()) {
            ("erase", 0) => quote_spanned! {span=> #b.erase(__jitgen_o) },
            ("is_none", 0) => quote_spanned! {span=> #b.is_none(__jitgen_o) },
            ("is_some", 0) => quote_spanned! {span=> {
                let __jitgen_n = #b.is_none(__jitgen_o);
                #b.not(__jitgen_n)
            }},
            _ => unreachable!("checked by is_special_method"),
        };
        let object = self.value(&call.receiver)?;
        Ok(quote! {{ let __jitgen_o = #object; #emit }})
    }

    /// `f(a, b)` (used as `mode` says): a jitcode call when `f` is staged, else residual;
    /// `Gc::new(S { .. })` is a residual closure over the field values.
    pub(super) fn call(&mut self, call: &ExprCall, mode: CallMode) -> syn::Result<TokenStream> {
        let b = builder();
        let Expr::Path(path) = &*call.func else {
            return Err(unsupported(
                &call.func,
                "a call of something other than a function path",
            ));
        };
        if let Some(hint) = hint_call(&path.path, call.args.len()) {
            let method = syn::Ident::new(hint, path.span());
            let (args, regs) = self.call_args(call)?;
            return Ok(quote! {{ #args #b.#method(#(#regs),*) }});
        }
        if let Some(constructor) = result_constructor(call) {
            let value = self.value(&call.args[0])?;
            let method = match constructor {
                "Ok" => quote_spanned! {path.span()=> ok_value },
                _ => quote_spanned! {path.span()=> err_value },
            };
            return Ok(quote! {{ let __jitgen_v = #value; #b.#method(__jitgen_v) }});
        }
        if path.path.is_ident("Some") && call.args.len() == 1 {
            // `Some(r)` is `r` as a nullable reference (the same word).
            let value = self.value(&call.args[0])?;
            return Ok(quote_spanned! {path.span()=> {
                let __jitgen_v = #value;
                #b.cast_ref(__jitgen_v)
            }});
        }
        if let (true, [Expr::Struct(literal)]) = (
            is_gc_new(&path.path),
            &call.args.iter().collect::<Vec<_>>()[..],
        ) {
            return self.residual_alloc(path, literal, mode);
        }
        if mode != CallMode::Return && is_ptr_eq(&path.path) && call.args.len() == 2 {
            let (left, right) = (self.value(&call.args[0])?, self.value(&call.args[1])?);
            return Ok(quote_spanned! {path.span()=> {
                let __jitgen_l = #left;
                let __jitgen_r = #right;
                #b.ptr_eq(__jitgen_l, __jitgen_r)
            }});
        }
        let (args, regs) = self.call_args(call)?;
        let method = mode.method(call.func.span());
        // `GcArray::new(len, fill)`: an allocation the optimizer may keep virtual.
        let allocates = match &regs[..] {
            [_, fill] if is_gc_array_new(&path.path) => {
                quote! { #b.next_call_allocates_array(&#fill); }
            }
            _ => TokenStream::new(),
        };
        let emit = quote_spanned! {call.func.span()=> #b.#method(&#path, (#(#regs,)*)) };
        Ok(quote! { { #args #allocates #emit } })
    }

    /// `recv.m(a, b)` outside the framework's methods: dispatched on the receiver's type
    /// (`jitcode::dispatch`) between the method's jitcode (a method staged by
    /// `#[look_inside] impl`), an array instruction (`len`/`get`/`set` on GC arrays), and a
    /// residual call of the closure `|recv, a, b| recv.m(a, b)` (references are `Gc`
    /// registers: auto-deref finds `m`).
    pub(super) fn method(
        &mut self,
        call: &ExprMethodCall,
        mode: CallMode,
    ) -> syn::Result<TokenStream> {
        let inputs: Vec<&Expr> = std::iter::once(&*call.receiver).chain(&call.args).collect();
        let (method, turbofish) = (&call.method, &call.turbofish);
        let dispatch = match (mode, array_method(call)) {
            (CallMode::Value | CallMode::Return, Some(marker)) => {
                Some(quote! { ::jitgen_core::jitcode::dispatch::#marker })
            }
            _ if turbofish.is_some() => None,
            _ => {
                let name = method.to_string();
                Some(quote! {
                    ::jitgen_core::jitcode::dispatch::Method<{ ::jitgen_core::layout::field_id(#name) }>
                })
            }
        };
        let receiver = &call.receiver;
        let shown_as = format!("{}.{}", quote!(#receiver), method).replace(' ', "");
        self.residual(
            &inputs,
            mode,
            dispatch,
            &shown_as,
            call.method.span(),
            |params| {
                let (receiver, args) = params.split_first().expect("the receiver is an input");
                quote! { #receiver.#method #turbofish (#(#args),*) }
            },
        )
    }

    /// `Gc::new(S { f: a, g: b })`: a residual call of `|a, b| Gc::new(S { f: a, g: b })`
    /// over the field values, evaluated in source order.
    fn residual_alloc(
        &mut self,
        gc_new: &syn::ExprPath,
        literal: &ExprStruct,
        mode: CallMode,
    ) -> syn::Result<TokenStream> {
        if literal.qself.is_some() || literal.rest.is_some() || literal.dot2_token.is_some() {
            return Err(unsupported(
                literal,
                "a struct expression with `..` or a qualified path",
            ));
        }
        // Per field: the expression whose value is passed in a register (`None` for a
        // constant written into the closure), and how the closure wraps the parameter.
        let mut members = Vec::new();
        let mut inputs = Vec::new();
        let mut wrappers = Vec::new();
        for field in &literal.fields {
            let Member::Named(name) = &field.member else {
                return Err(unsupported(field, "a tuple-struct field"));
            };
            members.push(name.clone());
            let (value, wrapper) = match &field.expr {
                Expr::Call(call) if is_cell_new(call) => (&call.args[0], Some(&call.func)),
                other => (other, None),
            };
            if is_constant_expr(value) {
                wrappers.push((wrapper, Some(value)));
            } else {
                inputs.push(value);
                wrappers.push((wrapper, None));
            }
        }
        let struct_path = &literal.path;
        let shown_as = format!("Gc::new({})", quote!(#struct_path)).replace(' ', "");
        let b = builder();
        let input_fields = members.iter().zip(&wrappers).filter(|(_, (_, c))| c.is_none()).map(|(name, _)| {
            let name = name.unraw().to_string();
            quote! {
                ::jitgen_core::jitcode::FieldRef::of::<{ ::jitgen_core::layout::field_id(#name) }, #struct_path>()
            }
        });
        let allocates = quote! {
            #b.next_call_allocates::<#struct_path>(::std::vec![#(#input_fields),*]);
        };
        let call = self.residual(&inputs, mode, None, &shown_as, gc_new.span(), |params| {
            let mut params = params.iter();
            let values = wrappers.iter().map(|(wrapper, constant)| {
                let value = match constant {
                    Some(constant) => quote! { #constant },
                    None => {
                        let param = params.next().expect("one parameter per input");
                        quote! { #param }
                    }
                };
                match wrapper {
                    Some(wrapper) => quote! { #wrapper(#value) },
                    None => value,
                }
            });
            quote! { #gc_new(#struct_path { #(#members: #values),* }) }
        })?;
        Ok(quote! {{ #allocates #call }})
    }

    /// A residual call of a non-capturing closure over the values of `inputs` (evaluated
    /// left to right into registers), whose body `body` builds from its parameter names,
    /// listed as `shown_as` (the source text) when it stays residual.
    /// With `dispatch` (a `jitcode::dispatch` marker), the receiver's type decides between
    /// the array instruction and the residual call.
    fn residual(
        &mut self,
        inputs: &[&Expr],
        mode: CallMode,
        dispatch: Option<TokenStream>,
        shown_as: &str,
        span: proc_macro2::Span,
        body: impl FnOnce(&[Ident]) -> TokenStream,
    ) -> syn::Result<TokenStream> {
        const MAX_ARGS: usize = 8;
        if inputs.len() > MAX_ARGS {
            return Err(syn::Error::new(
                span,
                format_args!("a residual call takes at most {MAX_ARGS} values (staging v1)"),
            ));
        }
        let b = builder();
        let mut setup = TokenStream::new();
        let mut regs = Vec::new();
        let mut params = Vec::new();
        for input in inputs {
            let reg = self.fresh("arg");
            let value = self.value(input)?;
            setup.extend(quote! { let #reg = #value; });
            regs.push(reg);
            params.push(self.fresh("p"));
        }
        let body = body(&params);
        let typed = quote::format_ident!("closure{}", inputs.len(), span = span);
        let emit = match dispatch {
            Some(marker) => {
                let method = match mode {
                    CallMode::Return => quote_spanned! {span=> ret },
                    CallMode::Value => quote_spanned! {span=> call },
                    CallMode::Propagate => quote_spanned! {span=> propagate },
                };
                quote! {{
                    #[allow(unused_imports)]
                    use ::jitgen_core::jitcode::dispatch::{ViaInstruction as _, ViaCall as _};
                    (&&::jitgen_core::jitcode::dispatch::Probe::<#marker, _>::new((#(#regs,)*)))
                        .#method(#b, &__jitgen_f, #shown_as)
                }}
            }
            None => {
                let method = mode.method(span);
                quote! {{
                    #b.name_next_call(#shown_as);
                    #b.#method(&__jitgen_f, (#(#regs,)*))
                }}
            }
        };
        Ok(quote! {{
            #setup
            let __jitgen_f = ::jitgen_core::jitcode::shim::#typed(
                #(#regs,)* |#(#params),*| #body
            );
            #emit
        }})
    }

    /// The arguments of a call, evaluated left to right into fresh builder-side names.
    fn call_args(&mut self, call: &ExprCall) -> syn::Result<(TokenStream, Vec<Ident>)> {
        let mut args = TokenStream::new();
        let mut regs = Vec::new();
        for arg in &call.args {
            let reg = self.fresh("arg");
            let value = self.value(arg)?;
            args.extend(quote! { let #reg = #value; });
            regs.push(reg);
        }
        Ok((args, regs))
    }
}

/// How a call's result is used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CallMode {
    /// As a value (an infallible callee).
    Value,
    /// Under `?` (a fallible callee).
    Propagate,
    /// As the returned value (either kind of callee).
    Return,
}

impl CallMode {
    /// The builder method emitting the call.
    fn method(self, span: proc_macro2::Span) -> TokenStream {
        match self {
            CallMode::Value => quote_spanned! {span=> call },
            CallMode::Propagate => quote_spanned! {span=> call_propagate },
            CallMode::Return => quote_spanned! {span=> ret_call },
        }
    }
}

/// Whether a method call is one the builder has an instruction for whatever the receiver's
/// type (`.get()`/`.set(v)` on `Mut` fields, `is::<T>()`, `downcast::<T>()`, `erase()`,
/// `is_none()`, `is_some()`); any other is residual, or dispatched (see [`array_method`]).
pub(super) fn is_special_method(call: &ExprMethodCall) -> bool {
    let method = call.method.to_string();
    let shape = (method.as_str(), call.args.len());
    if let Some(turbofish) = &call.turbofish {
        return turbofish.args.len() == 1
            && matches!(turbofish.args.first(), Some(GenericArgument::Type(_)))
            && matches!(shape, ("is", 0) | ("downcast", 0));
    }
    match shape {
        ("get", 0) | ("set", 1) => matches!(&*call.receiver, Expr::Field(_)),
        ("erase", 0) | ("is_none", 0) | ("is_some", 0) => true,
        _ => false,
    }
}

/// The builder operation of `a.wrapping_add(b)` / `wrapping_sub` / `wrapping_mul` (integer
/// operators wrap in jitcode, as in every build profile of this workspace).
fn wrapping_op(call: &ExprMethodCall) -> Option<&'static str> {
    if call.turbofish.is_some() || call.args.len() != 1 {
        return None;
    }
    match call.method.to_string().as_str() {
        "wrapping_add" => Some("add"),
        "wrapping_sub" => Some("sub"),
        "wrapping_mul" => Some("mul"),
        _ => None,
    }
}

/// The `jitcode::dispatch` marker of `len()`/`get(i)`/`set(i, v)`: array instructions when the
/// receiver is a GC array, residual calls otherwise.
fn array_method(call: &ExprMethodCall) -> Option<Ident> {
    if call.turbofish.is_some() {
        return None;
    }
    let marker = match (call.method.to_string().as_str(), call.args.len()) {
        ("len", 0) => "Len",
        ("get", 1) => "Get",
        ("set", 2) => "Set",
        _ => return None,
    };
    Some(Ident::new(marker, call.method.span()))
}

/// The builder method of a hint call (`promote(x)`, `we_are_jitted()`, spelled bare or
/// with a path through `hints`).
fn hint_call(path: &syn::Path, argc: usize) -> Option<&'static str> {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let (last, prefix) = segments.split_last()?;
    if !(prefix.is_empty() || prefix.last().is_some_and(|p| p == "hints")) {
        return None;
    }
    match (last.as_str(), argc) {
        ("promote", 1) => Some("promote"),
        ("we_are_jitted", 0) => Some("we_are_jitted"),
        _ => None,
    }
}

/// `"Ok"` or `"Err"` for a call `Ok(v)` / `Err(e)`.
pub(super) fn result_constructor(call: &ExprCall) -> Option<&'static str> {
    let Expr::Path(path) = &*call.func else {
        return None;
    };
    let name = path.path.get_ident()?;
    let constructor = if name == "Ok" {
        "Ok"
    } else if name == "Err" {
        "Err"
    } else {
        return None;
    };
    (call.args.len() == 1).then_some(constructor)
}

/// Whether a one-segment path names a constant (`MAX_DEPTH`: upper case, by Rust's naming
/// convention) rather than a local variable.
fn is_constant_name(name: &Ident) -> bool {
    let text = name.to_string();
    text.len() > 1
        && text.chars().any(|c| c.is_ascii_uppercase())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `call` is `Mut::new(x)` or `QuasiImmut::new(x)` (a cell around a field value).
fn is_cell_new(call: &ExprCall) -> bool {
    let Expr::Path(path) = &*call.func else {
        return false;
    };
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    call.args.len() == 1
        && (segments.ends_with(&["Mut".to_string(), "new".to_string()])
            || segments.ends_with(&["QuasiImmut".to_string(), "new".to_string()]))
}

/// Whether `e` is a constant that a residual closure can hold in its body: a literal,
/// `None`, a constant path (`Op::Add`, `MAX_DEPTH`), a constructor without arguments
/// (`VableToken::new()`, `T::default()`).
fn is_constant_expr(e: &Expr) -> bool {
    match e {
        Expr::Call(call) if call.args.is_empty() => match &*call.func {
            Expr::Path(p) => p
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "new" || s.ident == "default"),
            _ => false,
        },
        Expr::Lit(_) => true,
        Expr::Paren(p) => is_constant_expr(&p.expr),
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => matches!(&*u.expr, Expr::Lit(_)),
        Expr::Path(p) if p.qself.is_none() => match p.path.get_ident() {
            Some(name) => name == "None" || is_constant_name(name),
            None => true,
        },
        _ => false,
    }
}

/// Whether `path` is `Gc::new` (spelled with any prefix).
fn is_gc_new(path: &syn::Path) -> bool {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments.ends_with(&["Gc".to_string(), "new".to_string()])
}

/// Whether `path` is `GcArray::new` (spelled with any prefix, with or without `::<T>`).
fn is_gc_array_new(path: &syn::Path) -> bool {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments.ends_with(&["GcArray".to_string(), "new".to_string()])
}

/// Whether `path` is `Gc::ptr_eq` (spelled with any prefix).
pub(super) fn is_ptr_eq(path: &syn::Path) -> bool {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments.ends_with(&["Gc".to_string(), "ptr_eq".to_string()])
}

/// A literal as a constant register; `negate` for `-literal`.
fn literal(lit: &Lit, negate: bool) -> syn::Result<TokenStream> {
    let b = builder();
    match lit {
        Lit::Int(_) | Lit::Float(_) => {
            let minus = negate.then(|| quote! { - });
            Ok(quote_spanned! {lit.span()=> #b.constant(#minus #lit) })
        }
        Lit::Bool(_) if !negate => Ok(quote_spanned! {lit.span()=> #b.constant(#lit) }),
        _ => Err(unsupported(lit, "this literal")),
    }
}

/// The builder method of a binary operator (not `&&`/`||`, not compound assignments).
fn binary_method(op: &BinOp) -> Option<&'static str> {
    Some(match op {
        BinOp::Add(_) => "add",
        BinOp::Sub(_) => "sub",
        BinOp::Mul(_) => "mul",
        BinOp::Div(_) => "div",
        BinOp::Rem(_) => "rem",
        BinOp::BitAnd(_) => "and",
        BinOp::BitOr(_) => "or",
        BinOp::BitXor(_) => "xor",
        BinOp::Shl(_) => "shl",
        BinOp::Shr(_) => "shr",
        BinOp::Eq(_) => "eq",
        BinOp::Ne(_) => "ne",
        BinOp::Lt(_) => "lt",
        BinOp::Le(_) => "le",
        BinOp::Gt(_) => "gt",
        BinOp::Ge(_) => "ge",
        _ => return None,
    })
}

/// What an unsupported expression is, for the error message.
fn describe(e: &Expr) -> String {
    match e {
        Expr::Closure(_) => "a closure".into(),
        Expr::Macro(m) => format!("the macro `{}!`", path_name(&m.mac.path)),
        Expr::Let(_) => "`if let` / `while let`".into(),
        Expr::Reference(_) => "a reference (`&`)".into(),
        Expr::Index(_) => "indexing".into(),
        Expr::ForLoop(_) => "a `for` loop".into(),
        Expr::Tuple(_) => "a tuple".into(),
        Expr::Array(_) | Expr::Repeat(_) => "an array expression".into(),
        Expr::Struct(_) => "a struct expression outside `Gc::new(..)`".into(),
        Expr::Range(_) => "a range".into(),
        Expr::Unsafe(_) => "an `unsafe` block".into(),
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => {
            "`return`/`break`/`continue` inside an expression".into()
        }
        Expr::Assign(_) => "an assignment used as a value".into(),
        _ => "this expression".into(),
    }
}
