//! Shrinks a generated program that shows a difference, by its lines: removes a statement
//! (a line, or a block statement with everything in it), an `else` part, or a block's
//! braces (keeping its body), as long as the difference stays. A loop counter's update is
//! never removed, so every candidate still terminates.

/// What is left of `source` once no removal keeps `fails` true (`fails(source)` must be).
pub fn reduce(source: &str, mut fails: impl FnMut(&str) -> bool) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    loop {
        let mut progress = false;
        let mut i = 0;
        while i < lines.len() {
            let smaller = candidates(&lines, i)
                .into_iter()
                .find(|candidate| fails(&text(candidate)));
            match smaller {
                Some(candidate) => {
                    lines = candidate;
                    progress = true;
                }
                None => i += 1,
            }
        }
        if !progress {
            return text(&lines);
        }
    }
}

fn text(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// The programs with one removal at line `i`: the statement starting there, then its
/// braces; for an `} else` line, that part.
fn candidates(lines: &[String], i: usize) -> Vec<Vec<String>> {
    let line = lines[i].trim();
    if is_counter_update(line) || line.starts_with("} catch") {
        return Vec::new();
    }
    let without = |range: std::ops::Range<usize>| -> Vec<String> {
        let mut rest = lines.to_vec();
        rest.drain(range);
        rest
    };
    if line.starts_with("} else") {
        return vec![without(i..part_end(lines, i))];
    }
    if line.starts_with('}') {
        return Vec::new();
    }
    if !line.ends_with('{') {
        return vec![without(i..i + 1)];
    }
    let first_part_end = part_end(lines, i);
    let mut end = first_part_end;
    while lines[end].trim() != "}" {
        end = part_end(lines, end);
    }
    let mut result = vec![without(i..end + 1)];
    if !line.starts_with("fn ") && !line.starts_with("class ") {
        // The first part's body alone: an `if`'s then-branch, a `try` body, a loop body once.
        let mut unwrapped = lines.to_vec();
        unwrapped.drain(first_part_end..end + 1);
        for body_line in &mut unwrapped[i + 1..first_part_end] {
            *body_line = body_line
                .strip_prefix("    ")
                .unwrap_or(body_line)
                .to_string();
        }
        unwrapped.remove(i);
        result.push(unwrapped);
    }
    result
}

/// For the line `i` opening a block (`... {` or `} else ... {`): the line that ends it (its
/// `}` or the next `} else ... {` / `} catch ... {`).
fn part_end(lines: &[String], i: usize) -> usize {
    let mut depth = 0;
    for (j, line) in lines.iter().enumerate().skip(i + 1) {
        let line = line.trim();
        if line.starts_with('}') {
            if depth == 0 {
                return j;
            }
            depth -= 1;
        }
        if line.ends_with('{') {
            depth += 1;
        }
    }
    lines.len() - 1
}

/// `iN = iN + K;` or `iN = iN - K;`: a loop counter's update (counters, and only they, are
/// named `i` and a number).
fn is_counter_update(line: &str) -> bool {
    let Some((name, value)) = line.split_once(" = ") else {
        return false;
    };
    let counter =
        name.len() > 1 && name.starts_with('i') && name[1..].chars().all(|c| c.is_ascii_digit());
    counter && value.starts_with(&format!("{name} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_what_is_not_needed_and_keeps_counter_updates() {
        let source = "let x = 1;\nlet i1 = 0;\nwhile i1 < 3 {\n    i1 = i1 + 1;\n    print(x);\n}\nif x {\n    print(2);\n} else {\n    print(3);\n}\n";
        let reduced = reduce(source, |s| s.contains("print(2)"));
        assert_eq!(reduced, "print(2);\n");
        let reduced = reduce(source, |s| s.contains("print(x)") && s.contains("while"));
        assert_eq!(
            reduced,
            "while i1 < 3 {\n    i1 = i1 + 1;\n    print(x);\n}\n"
        );
    }
}
