//! Control flow: `if`/`else` (as statements and as values), `while`, `loop`, `break`,
//! `continue`, `return` and tail returns (`Ok`/`Err` in functions returning `Result`), and
//! the short-circuit operators `&&`/`||`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{
    BinOp, Block, Expr, ExprBinary, ExprBreak, ExprContinue, ExprIf, ExprLoop, ExprWhile, Ident,
    Stmt,
};

use super::{builder, unsupported, RetShape, Stager};

impl Stager {
    /// A condition's register (`if let` is outside the subset).
    fn condition(&mut self, cond: &Expr) -> syn::Result<TokenStream> {
        if let Expr::Let(l) = cond {
            return Err(unsupported(l, "`if let` / `while let`"));
        }
        self.value(cond)
    }

    /// `if c { .. } else { .. }` run for its effects.
    pub(super) fn if_stmt(&mut self, i: &ExprIf) -> syn::Result<TokenStream> {
        let b = builder();
        let cond = self.condition(&i.cond)?;
        let then = self.block_effect(&i.then_branch)?;
        let (otherwise, end) = (self.fresh("else"), self.fresh("endif"));
        let Some((_, else_branch)) = &i.else_branch else {
            return Ok(quote! {{
                let __jitgen_c = #cond;
                let #end = #b.new_label();
                #b.goto_if_not(__jitgen_c, #end);
                #then
                #b.bind(#end);
            }});
        };
        let skip = (!block_diverges(&i.then_branch)).then(|| quote! { #b.goto(#end); });
        let else_code = self.effect(else_branch)?;
        Ok(quote! {{
            let __jitgen_c = #cond;
            let #otherwise = #b.new_label();
            let #end = #b.new_label();
            #b.goto_if_not(__jitgen_c, #otherwise);
            #then
            #skip
            #b.bind(#otherwise);
            #else_code
            #b.bind(#end);
        }})
    }

    /// `if c { a } else { b }` as a value: both branches move their value into one register.
    pub(super) fn if_value(&mut self, i: &ExprIf) -> syn::Result<TokenStream> {
        let b = builder();
        let Some((_, else_branch)) = &i.else_branch else {
            return Err(unsupported(i, "`if` without `else` used as a value"));
        };
        let cond = self.condition(&i.cond)?;
        let (dst, otherwise, end) = (self.fresh("if"), self.fresh("else"), self.fresh("endif"));
        let then = self.block_into(&i.then_branch, &dst)?;
        let skip = (!block_diverges(&i.then_branch)).then(|| quote! { #b.goto(#end); });
        let else_code = match &**else_branch {
            Expr::Block(block) if block.label.is_none() => self.block_into(&block.block, &dst)?,
            other => {
                let value = self.value(other)?;
                quote! { let __jitgen_v = #value; #b.mov(#dst, __jitgen_v); }
            }
        };
        Ok(quote! {{
            let __jitgen_c = #cond;
            let #dst = #b.reg();
            let #otherwise = #b.new_label();
            let #end = #b.new_label();
            #b.goto_if_not(__jitgen_c, #otherwise);
            { #then }
            #skip
            #b.bind(#otherwise);
            { #else_code }
            #b.bind(#end);
            #dst
        }})
    }

    /// A block whose value (unless it diverges) is moved into `dst`.
    pub(super) fn block_into(&mut self, block: &Block, dst: &Ident) -> syn::Result<TokenStream> {
        let b = builder();
        match block.stmts.split_last() {
            Some((Stmt::Expr(tail, None), init)) if !diverges(tail) => {
                let init = self.stmts(init)?;
                let value = self.value(tail)?;
                Ok(quote! {{ #init let __jitgen_v = #value; #b.mov(#dst, __jitgen_v); }})
            }
            _ if block_diverges(block) => self.block_effect(block),
            _ => Err(unsupported(
                block,
                "a block without a value where a value is needed",
            )),
        }
    }

    /// `a && b` / `a || b`: `b` is evaluated only when needed.
    pub(super) fn short_circuit(&mut self, bin: &ExprBinary) -> syn::Result<TokenStream> {
        let b = builder();
        let left = self.value(&bin.left)?;
        let right = self.value(&bin.right)?;
        let (dst, end) = (self.fresh("sc"), self.fresh("scend"));
        let test = match bin.op {
            BinOp::And(_) => quote! { #b.goto_if_not(#dst, #end); },
            _ => quote! {
                let __jitgen_n = #b.not(#dst);
                #b.goto_if_not(__jitgen_n, #end);
            },
        };
        Ok(quote! {{
            let #dst = #b.reg::<bool>();
            let #end = #b.new_label();
            let __jitgen_l = #left;
            #b.mov(#dst, __jitgen_l);
            #test
            let __jitgen_r = #right;
            #b.mov(#dst, __jitgen_r);
            #b.bind(#end);
            #dst
        }})
    }

    /// `while c { .. }`.
    pub(super) fn while_loop(&mut self, w: &ExprWhile) -> syn::Result<TokenStream> {
        let b = builder();
        if let Some(label) = &w.label {
            return Err(unsupported(label, "a loop label"));
        }
        let (top, exit) = (self.fresh("top"), self.fresh("exit"));
        let cond = self.condition(&w.cond)?;
        self.loops.push((exit.clone(), top.clone()));
        let body = self.block_effect(&w.body);
        self.loops.pop();
        let body = body?;
        Ok(quote! {{
            let #top = #b.new_label();
            let #exit = #b.new_label();
            #b.bind(#top);
            let __jitgen_c = #cond;
            #b.goto_if_not(__jitgen_c, #exit);
            #body
            #b.goto(#top);
            #b.bind(#exit);
        }})
    }

    /// `loop { .. }`.
    pub(super) fn loop_(&mut self, l: &ExprLoop) -> syn::Result<TokenStream> {
        let b = builder();
        if let Some(label) = &l.label {
            return Err(unsupported(label, "a loop label"));
        }
        let (top, exit) = (self.fresh("top"), self.fresh("exit"));
        self.loops.push((exit.clone(), top.clone()));
        let body = self.block_effect(&l.body);
        self.loops.pop();
        let body = body?;
        Ok(quote! {{
            let #top = #b.new_label();
            let #exit = #b.new_label();
            #b.bind(#top);
            #body
            #b.goto(#top);
            #b.bind(#exit);
        }})
    }

    /// `break` (no label, no value).
    pub(super) fn break_(&mut self, brk: &ExprBreak) -> syn::Result<TokenStream> {
        if brk.label.is_some() || brk.expr.is_some() {
            return Err(unsupported(brk, "`break` with a label or a value"));
        }
        let b = builder();
        let (exit, _) = self
            .loops
            .last()
            .ok_or_else(|| unsupported(brk, "`break` here"))?;
        Ok(quote! { #b.goto(#exit); })
    }

    /// `continue` (no label).
    pub(super) fn continue_(&mut self, c: &ExprContinue) -> syn::Result<TokenStream> {
        if c.label.is_some() {
            return Err(unsupported(c, "`continue` with a label"));
        }
        let b = builder();
        let (_, top) = self
            .loops
            .last()
            .ok_or_else(|| unsupported(c, "`continue` here"))?;
        Ok(quote! { #b.goto(#top); })
    }

    /// Returns the value of `e` (`return e`, or the body's tail): the returns are pushed into
    /// the branches of `if`s and blocks; `Ok(v)`/`Err(e)` become `ret`/`ret_err`.
    pub(super) fn ret(&mut self, e: &Expr) -> syn::Result<TokenStream> {
        let b = builder();
        match e {
            Expr::Paren(p) => return self.ret(&p.expr),
            Expr::Block(block) if block.label.is_none() => {
                return match block.block.stmts.split_last() {
                    Some((Stmt::Expr(tail, None), init)) => {
                        let init = self.stmts(init)?;
                        let tail = self.ret(tail)?;
                        Ok(quote! {{ #init #tail }})
                    }
                    _ => self.block_effect(&block.block),
                };
            }
            Expr::If(i) => {
                if let Some((_, else_branch)) = &i.else_branch {
                    let cond = self.condition(&i.cond)?;
                    let then = self.ret(&Expr::Block(syn::ExprBlock {
                        attrs: Vec::new(),
                        label: None,
                        block: i.then_branch.clone(),
                    }))?;
                    let else_code = self.ret(else_branch)?;
                    let otherwise = self.fresh("else");
                    return Ok(quote! {{
                        let __jitgen_c = #cond;
                        let #otherwise = #b.new_label();
                        #b.goto_if_not(__jitgen_c, #otherwise);
                        #then
                        #b.bind(#otherwise);
                        #else_code
                    }});
                }
            }
            _ => {}
        }
        if diverges(e) || matches!(e, Expr::Loop(_) | Expr::While(_)) {
            return self.effect(e);
        }
        let ok_unit = match &self.ret {
            RetShape::Unit => {
                let code = self.effect(e)?;
                return Ok(quote! { #code #b.ret_void(); });
            }
            RetShape::Value => {
                let value = self.value(e)?;
                return Ok(quote! {{ let __jitgen_v = #value; #b.ret(__jitgen_v); }});
            }
            RetShape::Result { ok_unit, .. } => *ok_unit,
        };
        let Expr::Call(call) = e else {
            return Err(unsupported(
                e,
                "in a function returning `Result`, a returned value other than `Ok(..)`, `Err(..)` or a call",
            ));
        };
        let constructor = match &*call.func {
            Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
            _ => None,
        };
        match (constructor.as_deref(), call.args.first()) {
            (Some("Ok"), Some(arg)) if call.args.len() == 1 => {
                if ok_unit {
                    let code = match arg {
                        Expr::Tuple(t) if t.elems.is_empty() => TokenStream::new(),
                        other => self.effect(other)?,
                    };
                    return Ok(quote! {{ #code #b.ret_void(); }});
                }
                let value = self.value(arg)?;
                Ok(quote! {{ let __jitgen_v = #value; #b.ret(__jitgen_v); }})
            }
            (Some("Err"), Some(arg)) if call.args.len() == 1 => {
                let value = self.value(arg)?;
                Ok(quote! {{ let __jitgen_v = #value; #b.ret_err(__jitgen_v); }})
            }
            _ => {
                let value = self.call(call, true)?;
                Ok(if ok_unit {
                    quote! {{ #value; #b.ret_void(); }}
                } else {
                    quote! {{ let __jitgen_v = #value; #b.ret(__jitgen_v); }}
                })
            }
        }
    }
}

/// Whether control never continues after `e` (`return`, `break`, `continue`, or blocks and
/// complete `if`s ending in them).
pub(super) fn diverges(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Paren(p) => diverges(&p.expr),
        Expr::Block(block) => block_diverges(&block.block),
        Expr::If(i) => match &i.else_branch {
            Some((_, else_branch)) => block_diverges(&i.then_branch) && diverges(else_branch),
            None => false,
        },
        _ => false,
    }
}

/// Whether a block's last statement diverges.
pub(super) fn block_diverges(block: &Block) -> bool {
    matches!(block.stmts.last(), Some(Stmt::Expr(e, _)) if diverges(e))
}
