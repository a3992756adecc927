//! JIT parameters, RPython's `set_param`, and the value of every client's `--jit` option.
//!
//! `--jit` takes a comma-separated list of items, applied left to right: a mode (`on`, `off`,
//! or `blackhole`), or `key=value` for a parameter (`--jit threshold=1,trace_limit=100,inlining=off`).
//! An empty value, like no option at all, is the default: JIT on with the default parameters.

use std::str::FromStr;

/// The tunable parameters of the JIT (defaults as in RPython).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JitParams {
    /// Iterations of a loop (`can_enter_jit` counts) before it is traced.
    pub threshold: u32,
    /// Calls of a function before it is traced from its start.
    pub function_threshold: u32,
    /// Failures of a guard before a bridge is traced from it.
    pub trace_eagerness: u32,
    /// The maximum length of a trace, in operations; longer traces are aborted.
    pub trace_limit: u32,
    /// A bridge ends at a merge point that a compiled trace passed with at least this many
    /// recorded operations after it (a join: the code from there on is traced once, at the
    /// join point, and shared), rather than tracing that path again. A trace from a join
    /// point, once this long, ends at the next join point.
    pub join_tail: u32,
    /// Whether calls to look-inside functions (and the portal) are inlined into traces.
    pub inlining: bool,
    /// How much warm-up counters decay periodically, from 0 (never) to 1000 (fully).
    pub decay: u32,
    /// The optimizer passes to run: `all`, or a `:`-separated list of pass names.
    pub enable_opts: String,
    /// The backend compiling traces: `auto` (the native one where there is one), or a name
    /// among [`crate::backend::available`] (`reference`, `x86`).
    pub backend: String,
}

impl Default for JitParams {
    fn default() -> Self {
        JitParams {
            threshold: 1039,
            function_threshold: 1619,
            trace_eagerness: 200,
            trace_limit: 6000,
            join_tail: 200,
            inlining: true,
            decay: 40,
            enable_opts: "all".to_string(),
            backend: "auto".to_string(),
        }
    }
}

impl JitParams {
    /// The names accepted by [`JitParams::set_param`].
    pub const KEYS: [&'static str; 9] = [
        "threshold",
        "function_threshold",
        "trace_eagerness",
        "trace_limit",
        "join_tail",
        "inlining",
        "decay",
        "enable_opts",
        "backend",
    ];

    /// Sets the parameter `name` from its textual `value`.
    ///
    /// Integers are decimal; `inlining` takes `on`/`off`/`true`/`false`/`1`/`0`. An unknown
    /// name or a bad value is an error whose message says what is accepted.
    pub fn set_param(&mut self, name: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        match name.trim() {
            "threshold" => self.threshold = positive(name, value)?,
            "function_threshold" => self.function_threshold = positive(name, value)?,
            "trace_eagerness" => self.trace_eagerness = integer(name, value)?,
            "trace_limit" => self.trace_limit = positive(name, value)?,
            "join_tail" => self.join_tail = positive(name, value)?,
            "inlining" => self.inlining = boolean(name, value)?,
            "decay" => {
                let decay = integer(name, value)?;
                if decay > 1000 {
                    return Err(format!(
                        "JIT parameter `decay` must be between 0 and 1000, got `{value}`"
                    ));
                }
                self.decay = decay;
            }
            "enable_opts" => {
                if value.is_empty() {
                    return Err("JIT parameter `enable_opts` needs a value: `all` or a `:`-separated list of passes".to_string());
                }
                self.enable_opts = value.to_string();
            }
            "backend" => {
                let available = crate::backend::available();
                if value != "auto" && !available.contains(&value) {
                    return Err(format!(
                        "unknown backend `{value}`; available here: auto, {}",
                        available.join(", ")
                    ));
                }
                self.backend = value.to_string();
            }
            other => {
                return Err(format!(
                    "unknown JIT parameter `{other}`; valid parameters: {}",
                    Self::KEYS.join(", ")
                ))
            }
        }
        Ok(())
    }
}

/// A non-negative decimal integer.
fn integer(name: &str, value: &str) -> Result<u32, String> {
    value.parse().map_err(|_| {
        format!("JIT parameter `{name}` expects a non-negative integer, got `{value}`")
    })
}

/// A decimal integer of at least 1.
fn positive(name: &str, value: &str) -> Result<u32, String> {
    match integer(name, value)? {
        0 => Err(format!(
            "JIT parameter `{name}` must be at least 1 (use `--jit off` to disable the JIT)"
        )),
        n => Ok(n),
    }
}

/// `on`/`off`/`true`/`false`/`1`/`0`.
fn boolean(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "on" | "true" | "1" => Ok(true),
        "off" | "false" | "0" => Ok(false),
        _ => Err(format!(
            "JIT parameter `{name}` expects `on` or `off`, got `{value}`"
        )),
    }
}

/// How the interpreter runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JitMode {
    /// `--jit off`: the native interpreter only.
    Off,
    /// `--jit on` (the default): the native interpreter, compiling hot loops.
    #[default]
    On,
    /// `--jit blackhole`: every portal call runs the portal's jitcode in the blackhole
    /// interpreter instead of the native code (the oracle for the staging macro).
    Blackhole,
}

/// Whether the JIT runs, and with which parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JitConfig {
    /// The mode (the last of `on`, `off`, `blackhole` given).
    pub mode: JitMode,
    /// The parameters used when the JIT is enabled.
    pub params: JitParams,
}

impl Default for JitConfig {
    fn default() -> Self {
        JitConfig {
            mode: JitMode::On,
            params: JitParams::default(),
        }
    }
}

impl JitConfig {
    /// Parses the value of a client's `--jit` option (see the [module docs](self)).
    pub fn parse(spec: &str) -> Result<JitConfig, String> {
        let mut config = JitConfig::default();
        for item in spec
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
        {
            match item.split_once('=') {
                Some((name, value)) => config.params.set_param(name, value)?,
                None if item == "on" => config.mode = JitMode::On,
                None if item == "off" => config.mode = JitMode::Off,
                None if item == "blackhole" => config.mode = JitMode::Blackhole,
                None => {
                    return Err(format!(
                        "bad --jit item `{item}`: expected `on`, `off`, `blackhole` or `key=value` with a key among {}",
                        JitParams::KEYS.join(", ")
                    ))
                }
            }
        }
        Ok(config)
    }
}

impl FromStr for JitConfig {
    type Err = String;

    fn from_str(spec: &str) -> Result<JitConfig, String> {
        JitConfig::parse(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_rpythons() {
        let p = JitParams::default();
        assert_eq!(
            (
                p.threshold,
                p.function_threshold,
                p.trace_eagerness,
                p.trace_limit
            ),
            (1039, 1619, 200, 6000)
        );
        assert!(p.inlining);
        assert_eq!(p.decay, 40);
        assert_eq!(p.enable_opts, "all");
        assert_eq!(
            JitConfig::default(),
            JitConfig {
                mode: JitMode::On,
                params: p
            }
        );
    }

    #[test]
    fn empty_and_on_are_the_default() {
        assert_eq!(JitConfig::parse("").unwrap(), JitConfig::default());
        assert_eq!(JitConfig::parse("on").unwrap(), JitConfig::default());
    }

    #[test]
    fn off_disables() {
        let config = JitConfig::parse("off").unwrap();
        assert_eq!(config.mode, JitMode::Off);
        assert_eq!(config.params, JitParams::default());
    }

    #[test]
    fn one_parameter() {
        let config = JitConfig::parse("threshold=3").unwrap();
        assert_eq!(config.mode, JitMode::On);
        assert_eq!(config.params.threshold, 3);
        assert_eq!(config.params.trace_limit, 6000);
    }

    #[test]
    fn several_parameters() {
        let config: JitConfig = "threshold=1, trace_limit=100,inlining=off".parse().unwrap();
        assert_eq!(config.params.threshold, 1);
        assert_eq!(config.params.trace_limit, 100);
        assert!(!config.params.inlining);
    }

    #[test]
    fn items_apply_left_to_right() {
        assert_eq!(JitConfig::parse("off,on").unwrap().mode, JitMode::On);
        assert_eq!(
            JitConfig::parse("threshold=5,off").unwrap().mode,
            JitMode::Off
        );
        assert_eq!(
            JitConfig::parse("off,blackhole").unwrap().mode,
            JitMode::Blackhole
        );
        assert_eq!(
            JitConfig::parse("threshold=5,threshold=7")
                .unwrap()
                .params
                .threshold,
            7
        );
    }

    #[test]
    fn every_key_is_settable() {
        let mut p = JitParams::default();
        for (key, value) in [
            ("threshold", "2"),
            ("function_threshold", "3"),
            ("trace_eagerness", "0"),
            ("trace_limit", "50"),
            ("join_tail", "7"),
            ("inlining", "false"),
            ("decay", "1000"),
            ("enable_opts", "intbounds:heap"),
            ("backend", "reference"),
        ] {
            p.set_param(key, value).unwrap();
        }
        assert_eq!(
            p,
            JitParams {
                threshold: 2,
                function_threshold: 3,
                trace_eagerness: 0,
                trace_limit: 50,
                join_tail: 7,
                inlining: false,
                decay: 1000,
                enable_opts: "intbounds:heap".to_string(),
                backend: "reference".to_string(),
            }
        );
    }

    #[test]
    fn unknown_key_lists_the_valid_ones() {
        let err = JitConfig::parse("treshold=3").unwrap_err();
        assert!(err.contains("`treshold`"), "{err}");
        for key in JitParams::KEYS {
            assert!(err.contains(key), "{err}");
        }
    }

    #[test]
    fn bad_values_are_errors() {
        for (spec, expected) in [
            ("threshold=abc", "non-negative integer"),
            ("threshold=-1", "non-negative integer"),
            ("threshold=0", "at least 1"),
            ("trace_limit=99999999999", "non-negative integer"),
            ("inlining=maybe", "`on` or `off`"),
            ("decay=1001", "between 0 and 1000"),
            ("enable_opts=", "needs a value"),
            ("backend=sparc", "available here: auto, reference"),
        ] {
            let err = JitConfig::parse(spec).unwrap_err();
            assert!(err.contains(expected), "{spec}: {err}");
        }
    }

    #[test]
    fn bare_word_is_an_error() {
        let err = JitConfig::parse("fast").unwrap_err();
        assert!(err.contains("`fast`") && err.contains("threshold"), "{err}");
    }
}
