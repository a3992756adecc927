//! Category filters (`--category`): keep the sections of some categories, as `JITGEN_LOG`
//! selects them.

use crate::parser::Section;

/// Whether the filter `pattern` selects `category`: the category itself, or, as a prefix
/// before a `-` (or ending in `-`), the family it starts (`gc` selects `gc-collect`).
pub fn selects(pattern: &str, category: &str) -> bool {
    category == pattern
        || category
            .strip_prefix(pattern)
            .is_some_and(|rest| rest.starts_with('-') || pattern.ends_with('-'))
}

/// The sections whose category one of `patterns` selects (all when there are none). A
/// section dropped gives its place to its kept children, so a collection during tracing
/// stays when only `gc` is kept.
pub fn retain(sections: Vec<Section>, patterns: &[String]) -> Vec<Section> {
    if patterns.is_empty() {
        return sections;
    }
    let mut kept = Vec::new();
    for mut section in sections {
        let children = retain(std::mem::take(&mut section.children), patterns);
        if patterns.iter().any(|p| selects(p, &section.category)) {
            section.children = children;
            kept.push(section);
        } else {
            kept.extend(children);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    #[test]
    fn prefixes_select_families() {
        assert!(selects("gc", "gc-collect"));
        assert!(selects("jit-log-", "jit-log-opt-loop"));
        assert!(selects("jit-abort", "jit-abort"));
        assert!(!selects("gc", "gcx"));
        assert!(!selects("jit-log", "jit-logx"));
    }

    #[test]
    fn dropped_sections_give_way_to_kept_children() {
        let text = "[1] {jit-tracing\n[2] {gc-collect\n[3] gc-collect}\n[4] jit-tracing}\n[5] {jit-summary\n[6] jit-summary}\n";
        let sections = parse(text).expect("parses");
        let kept = retain(sections.clone(), &["gc".to_string()]);
        assert_eq!(kept.len(), 1);
        assert_eq!(
            (kept[0].category.as_str(), kept[0].start),
            ("gc-collect", 2)
        );
        let jit = retain(sections, &["jit".to_string()]);
        let names: Vec<&str> = jit.iter().map(|s| s.category.as_str()).collect();
        assert_eq!(names, ["jit-tracing", "jit-summary"]);
        assert!(jit[0].children.is_empty());
    }
}
