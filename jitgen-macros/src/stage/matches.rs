//! `match`: on an integer with literal patterns, `|` and a final `_` (a `switch`), on a
//! `jit_enum!` enum with variant paths (`Op::Add | Op::Sub`; without `_` the last arm is the
//! switch's default, rustc having checked exhaustiveness), and
//! `match a.checked_add(b) { Some(v) => .., None => .. }` (also `checked_sub`/`checked_mul`:
//! the builder's overflow-checked operation, whose overflow label is the `None` arm).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Arm, Expr, ExprMatch, Ident, Lit, Pat};

use super::control::{diverges, result_binding, some_binding};
use super::{builder, unsupported, Stager};

/// What the arms of a `match` do with their value.
pub(super) enum ArmMode {
    /// Run for effects.
    Effect,
    /// Move the value into the register.
    Into(Ident),
    /// Return it.
    Ret,
}

impl Stager {
    /// A `match` whose arms are translated according to `mode`.
    pub(super) fn match_(&mut self, m: &ExprMatch, mode: &ArmMode) -> syn::Result<TokenStream> {
        if let Some(arm) = m.arms.iter().find(|a| a.guard.is_some()) {
            return Err(unsupported(&arm.pat, "a `match` guard"));
        }
        match &*m.expr {
            Expr::MethodCall(call)
                if call.args.len() == 1
                    && matches!(
                        call.method.to_string().as_str(),
                        "checked_add" | "checked_sub" | "checked_mul"
                    ) =>
            {
                self.match_checked(m, call, mode)
            }
            _ if m.arms.iter().any(|a| result_binding(&a.pat).is_some()) => {
                self.match_result(m, mode)
            }
            _ => self.match_int(m, mode),
        }
    }

    /// `match r { Ok(v) => .., Err(e) => .. }` (arms in either order; `_` for the second).
    fn match_result(&mut self, m: &ExprMatch, mode: &ArmMode) -> syn::Result<TokenStream> {
        let b = builder();
        let arms: Vec<_> = m.arms.iter().map(|a| (a, result_binding(&a.pat))).collect();
        let (ok, err) = match &arms[..] {
            [(ok, Some(("Ok", v))), (err, Some(("Err", e)))]
            | [(err, Some(("Err", e))), (ok, Some(("Ok", v)))] => {
                ((*ok, v.clone()), (*err, e.clone()))
            }
            [(ok, Some(("Ok", v))), (err, None)] if is_wild(&err.pat) => {
                ((*ok, v.clone()), (*err, quote! { _ }))
            }
            [(err, Some(("Err", e))), (ok, None)] if is_wild(&ok.pat) => {
                ((*ok, quote! { _ }), (*err, e.clone()))
            }
            _ => {
                return Err(unsupported(
                    m,
                    "a `match` on a `Result` other than one `Ok(name)` and one `Err(name)` arm",
                ))
            }
        };
        let res = self.value(&m.expr)?;
        let (failed, end) = (self.fresh("failed"), self.fresh("endmatch"));
        let (ok_name, err_name) = (ok.1, err.1);
        let ok_code = self.arm(&ok.0.body, mode, &end)?;
        let err_code = self.arm(&err.0.body, mode, &end)?;
        Ok(quote! {{
            let __jitgen_res = #res;
            let #failed = #b.new_label();
            let #end = #b.new_label();
            {
                let __jitgen_e = #b.is_err(&__jitgen_res);
                let __jitgen_n = #b.not(__jitgen_e);
                #b.goto_if_not(__jitgen_n, #failed);
            }
            {
                let #ok_name = __jitgen_res.ok;
                #ok_code
            }
            #b.bind(#failed);
            {
                let #err_name = #b.err_of(&__jitgen_res);
                #err_code
            }
            #b.bind(#end);
        }})
    }

    /// An arm's body, then the jump to `end` unless it diverges or returns.
    fn arm(&mut self, body: &Expr, mode: &ArmMode, end: &Ident) -> syn::Result<TokenStream> {
        let b = builder();
        let code = match mode {
            ArmMode::Effect => self.effect(body)?,
            ArmMode::Ret => return self.ret(body),
            ArmMode::Into(_) if diverges(body) => self.effect(body)?,
            ArmMode::Into(dst) => match body {
                Expr::Block(block) if block.label.is_none() => {
                    self.block_into(&block.block, dst)?
                }
                _ => {
                    let value = self.value(body)?;
                    quote! {{ let __jitgen_v = #value; #b.assign(#dst, __jitgen_v); }}
                }
            },
        };
        let skip = (!diverges(body)).then(|| quote! { #b.goto(#end); });
        Ok(quote! {{ #code } #skip })
    }

    /// `match x.checked_op(y) { Some(v) => .., None => .. }` (arms in either order; `_` for
    /// `None`).
    fn match_checked(
        &mut self,
        m: &ExprMatch,
        call: &syn::ExprMethodCall,
        mode: &ArmMode,
    ) -> syn::Result<TokenStream> {
        let b = builder();
        let (some, none) = match &m.arms[..] {
            [first, second] if is_none_pat(&second.pat) => (first, second),
            [first, second] if is_none_pat(&first.pat) => (second, first),
            _ => {
                return Err(unsupported(
                    m,
                    "a `match` on `checked_*` other than one `Some(name)` and one `None` arm",
                ))
            }
        };
        let name = some_binding(&some.pat, "a `match` pattern on `checked_*`")?;
        let (left, right) = (self.value(&call.receiver)?, self.value(&call.args[0])?);
        let method = &call.method;
        let (overflow, end) = (self.fresh("overflow"), self.fresh("endmatch"));
        let some_code = self.arm(&some.body, mode, &end)?;
        let none_code = self.arm(&none.body, mode, &end)?;
        Ok(quote! {{
            let #overflow = #b.new_label();
            let #end = #b.new_label();
            let __jitgen_l = #left;
            let __jitgen_r = #right;
            {
                let #name = #b.#method(__jitgen_l, __jitgen_r, #overflow);
                #some_code
            }
            #b.bind(#overflow);
            #none_code
            #b.bind(#end);
        }})
    }

    /// `match` on an integer (literal patterns, then `_`) or on a `jit_enum!` enum (variant
    /// paths, then `_` or a last arm that takes the remaining variants).
    fn match_int(&mut self, m: &ExprMatch, mode: &ArmMode) -> syn::Result<TokenStream> {
        let b = builder();
        let split = match m.arms.split_last() {
            Some((last, cases)) if is_wild(&last.pat) => Some((last, cases)),
            Some((last, cases)) if m.arms.iter().all(|a| is_variant_pat(&a.pat)) => {
                Some((last, cases))
            }
            _ => None,
        };
        let Some((default, cases)) = split else {
            return Err(unsupported(
                m,
                "a `match` other than on an integer with literal patterns and a final `_`, \
                 or on `checked_*`",
            ));
        };
        let scrutinee = self.value(&m.expr)?;
        let end = self.fresh("endmatch");
        let (mut labels, mut table, mut arms) = (Vec::new(), Vec::new(), TokenStream::new());
        for arm in cases {
            let label = self.fresh("case");
            for case in case_values(&arm.pat)? {
                table.push(quote! { (#case, #label) });
            }
            let code = self.arm(&arm.body, mode, &end)?;
            arms.extend(quote! { #b.bind(#label); #code });
            labels.push(label);
        }
        let otherwise = self.fresh("default");
        let default_code = self.arm(&default.body, mode, &end)?;
        Ok(quote! {{
            let __jitgen_s = #scrutinee;
            #(let #labels = #b.new_label();)*
            let #otherwise = #b.new_label();
            let #end = #b.new_label();
            #b.switch(__jitgen_s, &[#(#table),*], #otherwise);
            #arms
            #b.bind(#otherwise);
            #default_code
            #b.bind(#end);
        }})
    }
}

/// Whether a `match` on `checked_*` arm is the `None` arm (`None` or `_`).
fn is_none_pat(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(p) => p.ident == "None" && p.subpat.is_none(),
        Pat::Path(p) => p.path.is_ident("None"),
        Pat::Wild(_) => true,
        _ => false,
    }
}

/// Whether the pattern is `_`.
fn is_wild(pat: &Pat) -> bool {
    matches!(pat, Pat::Wild(_))
}

/// Whether the pattern is a path with at least two segments (`Op::Add`), or an `|` of them:
/// an enum variant (a constant would not type-check as a `switch` case of an enum).
fn is_variant_pat(pat: &Pat) -> bool {
    match pat {
        Pat::Or(or) => or.cases.iter().all(is_variant_pat),
        Pat::Path(p) => p.qself.is_none() && p.path.segments.len() >= 2,
        _ => false,
    }
}

/// The switch cases an arm's pattern matches: integer literals (possibly negative) or enum
/// variant paths.
fn case_values(pat: &Pat) -> syn::Result<Vec<TokenStream>> {
    let error = || unsupported(pat, "a `match` pattern other than integer literals");
    if is_variant_pat(pat) && !matches!(pat, Pat::Or(_)) {
        return Ok(vec![quote! { #pat }]);
    }
    match pat {
        Pat::Or(or) => Ok(or
            .cases
            .iter()
            .map(case_values)
            .collect::<syn::Result<Vec<_>>>()?
            .concat()),
        Pat::Lit(lit) if matches!(lit.lit, Lit::Int(_)) => Ok(vec![quote! { #lit }]),
        Pat::Verbatim(tokens) => {
            let expr: Expr = syn::parse2(tokens.clone()).map_err(|_| error())?;
            match &expr {
                Expr::Unary(u)
                    if matches!(u.op, syn::UnOp::Neg(_))
                        && matches!(&*u.expr, Expr::Lit(l) if matches!(l.lit, Lit::Int(_))) =>
                {
                    Ok(vec![quote! { #expr }])
                }
                _ => Err(error()),
            }
        }
        _ => Err(error()),
    }
}

/// Whether every arm of a `match` diverges.
pub(super) fn arms_diverge(arms: &[Arm]) -> bool {
    !arms.is_empty() && arms.iter().all(|a| diverges(&a.body))
}
