//! Private name mangling (CPython's `_Py_Mangle`): inside a class, `__name` is
//! `_Class__name`. The symbol table and the compiler both place names through it, so
//! they agree; `type` creation mangles the names of `__slots__` with it too.

use std::borrow::Cow;

/// `name` as written inside the class `class` (the innermost enclosing class, if any):
/// a name starting with two underscores and neither ending with two nor holding a dot
/// becomes `_` + the class name without its leading underscores + the name; a class
/// named only by underscores mangles nothing.
pub fn mangle<'a>(class: Option<&str>, name: &'a str) -> Cow<'a, str> {
    let Some(class) = class else {
        return Cow::Borrowed(name);
    };
    let class = class.trim_start_matches('_');
    if class.is_empty() || !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{class}{name}"))
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangles_as_cpython() {
        let m = |class, name| mangle(class, name).into_owned();
        assert_eq!(m(Some("C"), "__x"), "_C__x");
        assert_eq!(m(Some("__C"), "__x"), "_C__x");
        assert_eq!(m(Some("__A__"), "__v"), "_A____v");
        assert_eq!(m(Some("___"), "__x"), "__x");
        assert_eq!(m(Some("C"), "__x__"), "__x__");
        assert_eq!(m(Some("C"), "__"), "__");
        assert_eq!(m(Some("C"), "___"), "___");
        assert_eq!(m(Some("C"), "__a_"), "_C__a_");
        assert_eq!(m(Some("C"), "_x"), "_x");
        assert_eq!(m(Some("C"), "__a.b"), "__a.b");
        assert_eq!(m(None, "__x"), "__x");
    }
}
