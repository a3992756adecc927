//! Control flow: `if`/`else` and `if let Some(v) = opt` on nullable references (as
//! statements and as values), `while`, `loop`, `break`, `continue`, `return` and tail returns
//! (`Ok`/`Err` in functions returning `Result` or an alias of it), and the short-circuit
//! operators `&&`/`||`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{
    BinOp, Block, Expr, ExprBinary, ExprBreak, ExprContinue, ExprIf, ExprLoop, ExprWhile, Ident,
    Pat, Stmt,
};

use super::expr::{is_ptr_eq, is_special_method, CallMode};
use super::matches::{arms_diverge, ArmMode};
use super::{builder, unsupported, Stager};

impl Stager {
    /// A condition: `(setup, register, binding)`. For `if let Some(v) = opt`, the setup
    /// keeps `opt` in a register of its own, the register says whether it is `Some`, and the
    /// binding (emitted at the top of the `then` branch) names the reference inside.
    fn condition(&mut self, cond: &Expr) -> syn::Result<(TokenStream, TokenStream, TokenStream)> {
        let Expr::Let(l) = cond else {
            return Ok((TokenStream::new(), self.value(cond)?, TokenStream::new()));
        };
        let b = builder();
        if let Some((constructor, name)) = result_binding(&l.pat) {
            let res = self.fresh("res");
            let value = self.value(&l.expr)?;
            let setup = quote! { let #res = #value; };
            let (test, bind) = if constructor == "Ok" {
                (
                    quote! {{ let __jitgen_e = #b.is_err(&#res); #b.not(__jitgen_e) }},
                    quote! { let #name = #res.ok; },
                )
            } else {
                (
                    quote! { #b.is_err(&#res) },
                    quote! { let #name = #b.err_of(&#res); },
                )
            };
            return Ok((setup, test, bind));
        }
        let name = some_binding(&l.pat, "an `if let` pattern")?;
        let opt = self.fresh("opt");
        let setup = self.option_register(&l.expr, &opt)?;
        let test = quote! {{
            let __jitgen_n = #b.is_none(#opt);
            #b.not(__jitgen_n)
        }};
        Ok((setup, test, quote! { let #name = #b.unwrap_ref(#opt); }))
    }

    /// `let opt = e;` on the builder side: the nullable reference `e` in a register only
    /// `opt` holds.
    pub(super) fn option_register(&mut self, e: &Expr, opt: &Ident) -> syn::Result<TokenStream> {
        let b = builder();
        let value = self.value(e)?;
        Ok(quote! {
            let #opt = #b.reg();
            { let __jitgen_v = #value; #b.mov(#opt, __jitgen_v); }
        })
    }

    /// `if c { .. } else { .. }` run for its effects.
    pub(super) fn if_stmt(&mut self, i: &ExprIf) -> syn::Result<TokenStream> {
        let b = builder();
        let (setup, cond, bind) = self.condition(&i.cond)?;
        let then = self.block_effect(&i.then_branch)?;
        let then = quote! {{ #bind #then }};
        let (otherwise, end) = (self.fresh("else"), self.fresh("endif"));
        let Some((_, else_branch)) = &i.else_branch else {
            return Ok(quote! {{
                #setup
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
            #setup
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
        let (setup, cond, bind) = self.condition(&i.cond)?;
        let (dst, otherwise, end) = (self.fresh("if"), self.fresh("else"), self.fresh("endif"));
        let then = self.block_into(&i.then_branch, &dst)?;
        let skip = (!block_diverges(&i.then_branch)).then(|| quote! { #b.goto(#end); });
        let else_code = match &**else_branch {
            Expr::Block(block) if block.label.is_none() => self.block_into(&block.block, &dst)?,
            other => {
                let value = self.value(other)?;
                quote! { let __jitgen_v = #value; #b.assign(#dst, __jitgen_v); }
            }
        };
        Ok(quote! {{
            #setup
            let __jitgen_c = #cond;
            let #dst = #b.fresh_value();
            let #otherwise = #b.new_label();
            let #end = #b.new_label();
            #b.goto_if_not(__jitgen_c, #otherwise);
            { #bind #then }
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
                Ok(quote! {{ #init let __jitgen_v = #value; #b.assign(#dst, __jitgen_v); }})
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
        if let Expr::Let(l) = &*w.cond {
            return Err(unsupported(l, "`while let`"));
        }
        let (top, exit) = (self.fresh("top"), self.fresh("exit"));
        let cond = self.value(&w.cond)?;
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
            Expr::Match(m) => return self.match_(m, &ArmMode::Ret),
            Expr::If(i) => {
                if let Some((_, else_branch)) = &i.else_branch {
                    let (setup, cond, bind) = self.condition(&i.cond)?;
                    let then = self.ret(&Expr::Block(syn::ExprBlock {
                        attrs: Vec::new(),
                        label: None,
                        block: i.then_branch.clone(),
                    }))?;
                    let else_code = self.ret(else_branch)?;
                    let otherwise = self.fresh("else");
                    return Ok(quote! {{
                        #setup
                        let __jitgen_c = #cond;
                        let #otherwise = #b.new_label();
                        #b.goto_if_not(__jitgen_c, #otherwise);
                        { #bind #then }
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
        if matches!(e, Expr::Path(p) if p.path.is_ident("None")) {
            return Ok(quote! { #b.ret_none(); });
        }
        if self.unit_return {
            let code = self.effect(e)?;
            return Ok(quote! { #code #b.ret_void(); });
        }
        if let Expr::MethodCall(call) = e {
            if !is_special_method(call) {
                return self.method(call, CallMode::Return);
            }
        }
        let Expr::Call(call) = e else {
            let value = self.value(e)?;
            return Ok(quote! {{ let __jitgen_v = #value; #b.ret_value(__jitgen_v); }});
        };
        let Expr::Path(path) = &*call.func else {
            // Not a function path: `call` reports it.
            return self.call(call, CallMode::Value);
        };
        let constructor = path.path.get_ident().map(|i| i.to_string());
        match (
            constructor.as_deref(),
            &call.args.iter().collect::<Vec<_>>()[..],
        ) {
            (Some("Ok"), [Expr::Tuple(t)]) if t.elems.is_empty() => Ok(quote! { #b.ret_void(); }),
            (Some("Ok"), [arg]) => {
                let value = self.value(arg)?;
                Ok(quote! {{ let __jitgen_v = #value; #b.ret_value(__jitgen_v); }})
            }
            (Some("Err"), [arg]) => {
                let value = self.value(arg)?;
                Ok(quote! {{ let __jitgen_v = #value; #b.ret_err(__jitgen_v); }})
            }
            _ if is_ptr_eq(&path.path) => {
                let value = self.value(e)?;
                Ok(quote! {{ let __jitgen_v = #value; #b.ret_value(__jitgen_v); }})
            }
            // `Some(r)` and `r` are the same word for a nullable reference.
            (Some("Some"), [arg]) => {
                let value = self.value(arg)?;
                Ok(quote! {{ let __jitgen_v = #value; #b.ret_some(__jitgen_v); }})
            }
            _ => {
                let code = self.call(call, CallMode::Return)?;
                Ok(quote! { #code; })
            }
        }
    }
}

/// The name `v` of a `Some(v)` pattern (the only refutable pattern in the subset); `what`
/// names the construct for the error.
pub(super) fn some_binding<'p>(pat: &'p Pat, what: &str) -> syn::Result<&'p Ident> {
    if let Pat::TupleStruct(t) = pat {
        if t.qself.is_none() && t.path.is_ident("Some") && t.elems.len() == 1 {
            if let Pat::Ident(p) = &t.elems[0] {
                if p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none() {
                    return Ok(&p.ident);
                }
            }
        }
    }
    Err(unsupported(
        pat,
        format_args!("{what} other than `Some(name)`"),
    ))
}

/// The constructor and bound name of an `Ok(name)` / `Err(name)` pattern (`_` binds
/// nothing: the name `_`).
pub(super) fn result_binding(pat: &Pat) -> Option<(&'static str, TokenStream)> {
    let Pat::TupleStruct(t) = pat else {
        return None;
    };
    let constructor = if t.path.is_ident("Ok") {
        "Ok"
    } else if t.path.is_ident("Err") {
        "Err"
    } else {
        return None;
    };
    match t.elems.iter().collect::<Vec<_>>()[..] {
        [Pat::Ident(p)] if p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none() => {
            let name = &p.ident;
            Some((constructor, quote! { #name }))
        }
        [Pat::Wild(w)] => Some((constructor, quote! { #w })),
        _ => None,
    }
}

/// Whether control never continues after `e` (`return`, `break`, `continue`, or blocks,
/// complete `if`s and `match`es ending in them).
pub(super) fn diverges(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Paren(p) => diverges(&p.expr),
        Expr::Block(block) => block_diverges(&block.block),
        Expr::Match(m) => arms_diverge(&m.arms),
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
