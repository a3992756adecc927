//! Statements: `let` (and `let Some(v) = opt else { .. }`), assignments (plain and
//! compound), expression statements and blocks.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{BinOp, Block, Expr, Local, Pat, Stmt};

use super::control::some_binding;
use super::matches::ArmMode;
use super::{builder, unsupported, Stager};

impl Stager {
    /// Statements run for their effects.
    pub(super) fn stmts(&mut self, stmts: &[Stmt]) -> syn::Result<TokenStream> {
        stmts.iter().map(|s| self.stmt(s)).collect()
    }

    /// A block run for its effects (its tail expression too), in its own scope.
    pub(super) fn block_effect(&mut self, block: &Block) -> syn::Result<TokenStream> {
        let code = self.stmts(&block.stmts)?;
        Ok(quote! { { #code } })
    }

    fn stmt(&mut self, stmt: &Stmt) -> syn::Result<TokenStream> {
        match stmt {
            Stmt::Local(local) => self.local(local),
            Stmt::Expr(e, _) => self.effect(e),
            Stmt::Item(item) => Err(unsupported(item, "a nested item")),
            Stmt::Macro(m) => self.macro_stmt(&m.mac),
        }
    }

    /// A macro statement: in a portal's body, `jit_merge_point!` and `can_enter_jit!` (as
    /// rewritten by `#[portal]`: `name!(@jitgen_portal Driver { vars })`) become the
    /// builder's instructions with the variables' registers; any other macro is unsupported.
    fn macro_stmt(&mut self, mac: &syn::Macro) -> syn::Result<TokenStream> {
        let b = builder();
        let hint = mac.path.segments.last().map(|s| s.ident.to_string());
        let method = match hint.as_deref() {
            Some("jit_merge_point") if self.portal => "jit_merge_point",
            Some("can_enter_jit") if self.portal => "can_enter_jit",
            _ => {
                return Err(unsupported(
                    mac,
                    format_args!("the macro `{}!`", path_name(&mac.path)),
                ))
            }
        };
        let driver = crate::portal::glue_driver(mac)?;
        let path = &driver.path;
        let vars = driver.fields.iter().map(|field| {
            let expr = &field.expr;
            let name = quote!(#expr).to_string();
            quote! { (#name, #expr.any()) }
        });
        let call = if method == "jit_merge_point" {
            quote!(#b.jit_merge_point(&__jitgen_greens, &__jitgen_reds, <#path as ::jitgen_core::hints::JitDriver>::virtualizable()))
        } else {
            let method = syn::Ident::new(method, mac.path.span());
            quote!(#b.#method(&__jitgen_greens, &__jitgen_reds))
        };
        Ok(quote! {{
            let (__jitgen_greens, __jitgen_reds) = #b.driver_vars::<#path>(&[#(#vars),*]);
            #call;
        }})
    }

    /// `let x = e;`, `let mut x = e;`, `let x: T = e;`: the value lands in a register that
    /// belongs to `x` (a fresh one unless `e` already produced one), so assigning `x` later
    /// is a `mov` that cannot clobber another variable.
    fn local(&mut self, local: &Local) -> syn::Result<TokenStream> {
        if let Some(init) = &local.init {
            if let Some((_, diverge)) = &init.diverge {
                return self.let_else(&local.pat, &init.expr, diverge);
            }
        }
        let (pat, ty) = match &local.pat {
            Pat::Type(t) => (&*t.pat, Some(&t.ty)),
            other => (other, None),
        };
        let name = match pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => &p.ident,
            other => return Err(unsupported(other, "a `let` pattern other than a name")),
        };
        let Some(init) = &local.init else {
            return Err(unsupported(local, "a `let` without a value"));
        };
        let value = self.value(&init.expr)?;
        let b = builder();
        let reg_ty = match ty {
            Some(ty) => quote! { <#ty as ::jitgen_core::jitcode::InRegisters>::Regs },
            None => quote! { _ },
        };
        if produces_fresh_register(&init.expr) {
            return Ok(quote! { let #name: #reg_ty = #value; });
        }
        Ok(quote! {
            let #name: #reg_ty = {
                let __jitgen_v = #value;
                let __jitgen_r = #b.fresh_value();
                #b.assign(__jitgen_r, __jitgen_v);
                __jitgen_r
            };
        })
    }

    /// `let Some(v) = opt else { .. };` on a nullable reference: the (diverging) `else`
    /// block runs when `opt` is `None`, then `v` names the reference.
    fn let_else(&mut self, pat: &Pat, init: &Expr, diverge: &Expr) -> syn::Result<TokenStream> {
        let b = builder();
        let name = some_binding(pat, "a `let ... else` pattern")?;
        let opt = self.fresh("opt");
        let setup = self.option_register(init, &opt)?;
        let otherwise = self.effect(diverge)?;
        let some = self.fresh("some");
        Ok(quote! {
            #setup
            let #some = #b.new_label();
            {
                let __jitgen_n = #b.is_none(#opt);
                #b.goto_if_not(__jitgen_n, #some);
            }
            #otherwise
            #b.bind(#some);
            let #name = #b.unwrap_ref(#opt);
        })
    }

    /// An expression run for its effects.
    pub(super) fn effect(&mut self, e: &Expr) -> syn::Result<TokenStream> {
        let b = builder();
        match e {
            Expr::Paren(p) => self.effect(&p.expr),
            Expr::Block(block) if block.label.is_none() => self.block_effect(&block.block),
            Expr::If(i) => self.if_stmt(i),
            Expr::Match(m) => self.match_(m, &ArmMode::Effect),
            Expr::While(w) => self.while_loop(w),
            Expr::Loop(l) => self.loop_(l),
            Expr::Break(brk) => self.break_(brk),
            Expr::Continue(c) => self.continue_(c),
            Expr::Return(r) => match &r.expr {
                Some(value) => self.ret(value),
                None => Ok(quote! { #b.ret_void(); }),
            },
            Expr::Assign(assign) => {
                let target = local_name(&assign.left)?;
                let value = self.value(&assign.right)?;
                Ok(quote! { { let __jitgen_v = #value; #b.assign(#target, __jitgen_v); } })
            }
            Expr::Binary(bin) => match compound_op(&bin.op) {
                Some(op) => {
                    let method = syn::Ident::new(op, proc_macro2::Span::call_site());
                    let target = local_name(&bin.left)?;
                    let value = self.value(&bin.right)?;
                    Ok(quote! {{
                        let __jitgen_v = #value;
                        let __jitgen_t = #b.#method(#target, __jitgen_v);
                        #b.mov(#target, __jitgen_t);
                    }})
                }
                None => {
                    let value = self.value(e)?;
                    Ok(quote! { let _ = #value; })
                }
            },
            _ => {
                let value = self.value(e)?;
                Ok(quote! { let _ = #value; })
            }
        }
    }
}

/// The builder method of a compound assignment (`+=` -> `add`).
fn compound_op(op: &BinOp) -> Option<&'static str> {
    Some(match op {
        BinOp::AddAssign(_) => "add",
        BinOp::SubAssign(_) => "sub",
        BinOp::MulAssign(_) => "mul",
        BinOp::DivAssign(_) => "div",
        BinOp::RemAssign(_) => "rem",
        BinOp::BitAndAssign(_) => "and",
        BinOp::BitOrAssign(_) => "or",
        BinOp::BitXorAssign(_) => "xor",
        BinOp::ShlAssign(_) => "shl",
        BinOp::ShrAssign(_) => "shr",
        _ => return None,
    })
}

/// The local variable an assignment writes (only plain names in v1).
fn local_name(e: &Expr) -> syn::Result<&syn::Ident> {
    match e {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().ok_or_else(|| {
            unsupported(e, "an assignment to something other than a local variable")
        }),
        _ => Err(unsupported(
            e,
            "an assignment to something other than a local variable",
        )),
    }
}

/// Whether the translation of `e` yields a register nobody else holds.
fn produces_fresh_register(e: &Expr) -> bool {
    match e {
        Expr::Paren(p) => produces_fresh_register(&p.expr),
        Expr::Lit(_)
        | Expr::Binary(_)
        | Expr::Unary(_)
        | Expr::Call(_)
        | Expr::Try(_)
        | Expr::Field(_)
        | Expr::MethodCall(_)
        | Expr::Cast(_)
        | Expr::Match(_)
        | Expr::If(_) => true,
        _ => false,
    }
}

/// A path as written (`format`, `std::println`).
pub(super) fn path_name(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    segments.join("::")
}
