//! The benchmark protocol as the runner reads it (see `bench/README.md`): a program's output
//! is `iteration I: SECONDS` lines followed by result lines ending in `checksum: VALUE`, and
//! its source names a smoke size in a header line.

/// What a run printed, split by the protocol.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Each iteration's time in seconds as the program measured it, iteration 1 first.
    pub iterations: Vec<f64>,
    /// Every other line, in order: the result, identical under every implementation.
    pub result: Vec<String>,
}

/// The prefix of an iteration line.
const ITERATION: &str = "iteration ";
/// The prefix of the last result line.
const CHECKSUM: &str = "checksum: ";
/// The marker of the smoke-size header, after the language's comment leader.
const SMOKE_SIZE: &str = "jitgen-bench: smoke-size=";
/// How many lines at the top of a source may hold the smoke-size header.
const HEADER_LINES: usize = 3;

/// Splits `stdout` into iteration times and result lines. Iteration lines must be numbered
/// 1, 2, 3, ... in order, with a finite, non-negative time.
pub fn parse_output(stdout: &str) -> Result<Output, String> {
    let mut output = Output {
        iterations: Vec::new(),
        result: Vec::new(),
    };
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix(ITERATION) else {
            output.result.push(line.to_string());
            continue;
        };
        let malformed = || format!("malformed iteration line `{}`", shorten(line));
        let (index, seconds) = rest.split_once(": ").ok_or_else(malformed)?;
        let index: usize = index.parse().map_err(|_| malformed())?;
        let seconds: f64 = seconds.trim().parse().map_err(|_| malformed())?;
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(malformed());
        }
        let expected = output.iterations.len() + 1;
        if index != expected {
            return Err(format!(
                "iteration {index} printed where iteration {expected} was expected"
            ));
        }
        output.iterations.push(seconds);
    }
    Ok(output)
}

/// The output of a program measured as a whole process (Brainfuck): every line is a result
/// line, there are no iterations.
pub fn whole_output(stdout: &str) -> Output {
    Output {
        iterations: Vec::new(),
        result: stdout.lines().map(str::to_string).collect(),
    }
}

/// Checks that the result lines end with a `checksum: VALUE` line.
pub fn check_checksum(result: &[String]) -> Result<(), String> {
    match result.last() {
        Some(last) if last.starts_with(CHECKSUM) && last.len() > CHECKSUM.len() => Ok(()),
        Some(last) => Err(format!(
            "the last result line is `{}`, not `{CHECKSUM}VALUE`",
            shorten(last)
        )),
        None => Err("no result lines (expected a `checksum: VALUE` line)".to_string()),
    }
}

/// Compares result lines with the reference's; the error names the first difference.
pub fn compare_results(expected: &[String], actual: &[String]) -> Result<(), String> {
    for (number, pair) in expected.iter().zip(actual).enumerate() {
        if pair.0 != pair.1 {
            return Err(format!(
                "result line {} is `{}`, expected `{}`",
                number + 1,
                shorten(pair.1),
                shorten(pair.0)
            ));
        }
    }
    match expected.len().cmp(&actual.len()) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(format!(
            "{} result lines, expected {} (missing `{}`)",
            actual.len(),
            expected.len(),
            shorten(&expected[actual.len()])
        )),
        std::cmp::Ordering::Less => Err(format!(
            "{} result lines, expected {} (extra `{}`)",
            actual.len(),
            expected.len(),
            shorten(&actual[expected.len()])
        )),
    }
}

/// The smoke size a source declares in one of its first lines
/// (`# jitgen-bench: smoke-size=N` in Python, `// ...` in toy); `None` if it declares none.
pub fn smoke_size(source: &str) -> Result<Option<u64>, String> {
    for line in source.lines().take(HEADER_LINES) {
        let Some((_, rest)) = line.split_once(SMOKE_SIZE) else {
            continue;
        };
        let number = rest.split_whitespace().next().unwrap_or("");
        return number
            .parse()
            .map(Some)
            .map_err(|_| format!("malformed smoke-size header `{}`", shorten(line.trim())));
    }
    Ok(None)
}

/// `text`, cut to a length that fits in a one-line message.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 60;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn iteration_lines_are_split_from_result_lines() {
        let output =
            parse_output("iteration 1: 0.5\niteration 2: 2.5e-05\nfib(5) = 5\nchecksum: 5\n")
                .unwrap();
        assert_eq!(output.iterations, vec![0.5, 2.5e-05]);
        assert_eq!(output.result, lines(&["fib(5) = 5", "checksum: 5"]));
    }

    #[test]
    fn output_without_iterations_is_all_result() {
        let output = parse_output("42\n").unwrap();
        assert!(output.iterations.is_empty());
        assert_eq!(output.result, lines(&["42"]));
    }

    #[test]
    fn malformed_iteration_lines_are_errors() {
        for bad in [
            "iteration 1 0.5",
            "iteration one: 0.5",
            "iteration 1: fast",
            "iteration 1: -0.5",
            "iteration 1: inf",
        ] {
            let error = parse_output(bad).unwrap_err();
            assert!(
                error.starts_with("malformed iteration line"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn iterations_must_be_numbered_in_order() {
        assert_eq!(
            parse_output("iteration 1: 0.5\niteration 3: 0.5\n").unwrap_err(),
            "iteration 3 printed where iteration 2 was expected"
        );
        assert!(parse_output("iteration 0: 0.5\n").is_err());
    }

    #[test]
    fn whole_output_keeps_every_line() {
        let output = whole_output("iteration 1: 0.5\nHello\n");
        assert!(output.iterations.is_empty());
        assert_eq!(output.result, lines(&["iteration 1: 0.5", "Hello"]));
    }

    #[test]
    fn the_last_result_line_is_the_checksum() {
        assert!(check_checksum(&lines(&["x = 1", "checksum: 12"])).is_ok());
        assert_eq!(
            check_checksum(&lines(&["checksum: 12", "done"])).unwrap_err(),
            "the last result line is `done`, not `checksum: VALUE`"
        );
        assert!(check_checksum(&lines(&["checksum: "])).is_err());
        assert!(check_checksum(&[]).is_err());
    }

    #[test]
    fn results_are_compared_line_by_line() {
        let expected = lines(&["a", "checksum: 1"]);
        assert!(compare_results(&expected, &expected).is_ok());
        assert_eq!(
            compare_results(&expected, &lines(&["a", "checksum: 2"])).unwrap_err(),
            "result line 2 is `checksum: 2`, expected `checksum: 1`"
        );
        assert_eq!(
            compare_results(&expected, &lines(&["a"])).unwrap_err(),
            "1 result lines, expected 2 (missing `checksum: 1`)"
        );
        assert_eq!(
            compare_results(&expected, &lines(&["a", "checksum: 1", "b"])).unwrap_err(),
            "3 result lines, expected 2 (extra `b`)"
        );
    }

    #[test]
    fn long_lines_are_shortened_in_messages() {
        let long = "x".repeat(100);
        let error = compare_results(&lines(&["a"]), &[long]).unwrap_err();
        assert_eq!(
            error,
            format!("result line 1 is `{}...`, expected `a`", "x".repeat(60))
        );
    }

    #[test]
    fn smoke_size_comes_from_a_header_line() {
        assert_eq!(
            smoke_size("# jitgen-bench: smoke-size=15\nimport sys\n"),
            Ok(Some(15))
        );
        assert_eq!(
            smoke_size("// nbody\n// jitgen-bench: smoke-size=200 (steps)\nfn f() {}\n"),
            Ok(Some(200))
        );
        assert_eq!(
            smoke_size("// a\n// b\n// c\n// jitgen-bench: smoke-size=1\n"),
            Ok(None)
        );
        assert_eq!(smoke_size(""), Ok(None));
        assert_eq!(
            smoke_size("# jitgen-bench: smoke-size=big\n").unwrap_err(),
            "malformed smoke-size header `# jitgen-bench: smoke-size=big`"
        );
    }
}
