//! Values: literals, local variables, operators (`==`/`!=` on references compare identities),
//! `as` casts, field reads and `Mut` get/set, calls, `Gc::ptr_eq`, and the framework's
//! methods: `is::<T>()`/`downcast::<T>()`, `erase()`, `is_none()`/`is_some()` on nullable
//! references, `get(i)`/`set(i, v)`/`len()` on GC arrays.
//! Each translation is a builder-side expression evaluating to the `Reg<T>` holding the value
//! (or `()` for calls of functions returning nothing).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{
    BinOp, Expr, ExprCall, ExprField, ExprMethodCall, GenericArgument, Ident, Lit, Member, UnOp,
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
                Some(name) => Ok(quote! { #name }),
                None => Err(unsupported(e, "a path that is not a local variable")),
            },
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
                Ok(quote! {{ let #dst = #b.reg(); #code #dst }})
            }
            Expr::If(i) => self.if_value(i),
            Expr::Match(m) => {
                let dst = self.fresh("match");
                let code = self.match_(m, &ArmMode::Into(dst.clone()))?;
                Ok(quote! {{ let #dst = #b.reg(); #code #dst }})
            }
            Expr::Call(call) => self.call(call, false),
            Expr::Try(t) => match &*t.expr {
                Expr::Call(call) => self.call(call, true),
                _ => Err(unsupported(
                    e,
                    "`?` on something other than a function call",
                )),
            },
            Expr::Field(field) => {
                let (object, id) = self.field(field)?;
                Ok(quote_spanned! {field.member.span()=>
                    #b.getfield::<{ #id }, _>(#object)
                })
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

    /// The methods in the subset: `.get()`/`.set(v)` on `Mut` fields, the framework's
    /// reference and array methods.
    fn method_call(&mut self, call: &ExprMethodCall) -> syn::Result<TokenStream> {
        let b = builder();
        let method = call.method.to_string();
        let span = call.method.span();
        if let Some(turbofish) = &call.turbofish {
            let [GenericArgument::Type(ty)] = &turbofish.args.iter().collect::<Vec<_>>()[..] else {
                return Err(method_unsupported(call));
            };
            let emit = match (method.as_str(), call.args.len()) {
                ("is", 0) => quote_spanned! {span=> #b.class_is::<#ty, _>(__jitgen_o) },
                ("downcast", 0) => quote_spanned! {span=> #b.downcast::<#ty, _>(__jitgen_o) },
                _ => return Err(method_unsupported(call)),
            };
            let object = self.value(&call.receiver)?;
            return Ok(quote! {{ let __jitgen_o = #object; #emit }});
        }
        if let (Expr::Field(field), ("get", 0) | ("set", 1)) =
            (&*call.receiver, (method.as_str(), call.args.len()))
        {
            let (object, id) = self.field(field)?;
            if method == "get" {
                return Ok(quote_spanned! {span=> #b.getfield::<{ #id }, _>(#object) });
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
            ("len", 0) => quote_spanned! {span=> #b.array_len(__jitgen_o) },
            ("get", 1) => quote_spanned! {span=> #b.getarrayitem(__jitgen_o, __jitgen_a0) },
            ("set", 2) => quote_spanned! {span=>
                #b.setarrayitem(__jitgen_o, __jitgen_a0, __jitgen_a1)
            },
            _ => return Err(method_unsupported(call)),
        };
        let object = self.value(&call.receiver)?;
        let mut args = TokenStream::new();
        for (k, arg) in call.args.iter().enumerate() {
            let reg = quote::format_ident!("__jitgen_a{}", k);
            let value = self.value(arg)?;
            args.extend(quote! { let #reg = #value; });
        }
        Ok(quote! {{ let __jitgen_o = #object; #args #emit }})
    }

    /// `f(a, b)` (`fallible`: `f(a, b)?`): a jitcode call when `f` is staged, else residual.
    pub(super) fn call(&mut self, call: &ExprCall, fallible: bool) -> syn::Result<TokenStream> {
        let b = builder();
        let Expr::Path(path) = &*call.func else {
            return Err(unsupported(
                &call.func,
                "a call of something other than a function path",
            ));
        };
        if let Some(name) = path.path.get_ident() {
            if name == "Ok" || name == "Err" || name == "Some" {
                return Err(unsupported(
                    call,
                    format_args!("`{name}(..)` other than as the returned value"),
                ));
            }
        }
        if is_ptr_eq(&path.path) && call.args.len() == 2 {
            let (left, right) = (self.value(&call.args[0])?, self.value(&call.args[1])?);
            return Ok(quote_spanned! {path.span()=> {
                let __jitgen_l = #left;
                let __jitgen_r = #right;
                #b.ptr_eq(__jitgen_l, __jitgen_r)
            }});
        }
        let (args, regs) = self.call_args(call)?;
        let span = call.func.span();
        let method = if fallible {
            quote_spanned! {span=> call_propagate }
        } else {
            quote_spanned! {span=> call }
        };
        Ok(quote! { { #args #b.#method(&#path, (#(#regs,)*)) } })
    }

    /// The arguments of a call, evaluated left to right into fresh builder-side names.
    pub(super) fn call_args(&mut self, call: &ExprCall) -> syn::Result<(TokenStream, Vec<Ident>)> {
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

/// The error for a method call outside the subset.
fn method_unsupported(call: &ExprMethodCall) -> syn::Error {
    unsupported(
        call,
        format_args!(
            "the method call `.{}()` (staged methods: `.get()`/`.set(v)` on `Mut` fields, \
             `is::<T>()`, `downcast::<T>()`, `erase()`, `is_none()`, `is_some()`, and \
             `get(i)`/`set(i, v)`/`len()` on GC arrays)",
            call.method
        ),
    )
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
        Expr::Struct(_) => "a struct expression".into(),
        Expr::Range(_) => "a range".into(),
        Expr::Unsafe(_) => "an `unsafe` block".into(),
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => {
            "`return`/`break`/`continue` inside an expression".into()
        }
        Expr::Assign(_) => "an assignment used as a value".into(),
        _ => "this expression".into(),
    }
}
