//! Lesson parameters a learner can change, and their checking.
//!
//! Every value arrives from the page (a form field or the URL) as text. It is checked here,
//! before a run starts, with a message in the learner's language naming what is wrong; a
//! lesson only ever sees values inside its declared range.

use std::time::Duration;

use super::Text;
use loopscope_core::runtime::Lang;

/// Longest text accepted for one value; anything longer is not a number anyway.
const MAX_INPUT_CHARS: usize = 32;

/// One number a learner can change.
pub struct Param {
    /// Stable id, used in the URL and by the page's field.
    pub id: &'static str,
    /// Name beside the field.
    pub label: Text,
    /// Smallest value accepted.
    pub min: f64,
    /// Largest value accepted.
    pub max: f64,
    /// Value when the learner gives none.
    pub default: f64,
    /// 1 for whole numbers (counts, seeds); otherwise any value in range.
    pub step: f64,
    /// Unit shown after the field ("s", "%", or empty).
    pub unit: Text,
}

impl Param {
    /// A duration in seconds, to a tenth: most lesson parameters are one.
    pub const fn seconds(id: &'static str, label: Text, min: f64, max: f64, default: f64) -> Param {
        Param { id, label, min, max, default, step: 0.1, unit: Text { tr: "sn", en: "s" } }
    }

    /// A whole number with no unit (a count, a seed).
    pub const fn count(id: &'static str, label: Text, min: f64, max: f64, default: f64) -> Param {
        Param { id, label, min, max, default, step: 1.0, unit: Text { tr: "", en: "" } }
    }

    /// The seed of a lesson's random choices: the same seed, the same run.
    pub const SEED: Param =
        Param::count("seed", Text { tr: "Rastgelelik tohumu", en: "Random seed" }, 0.0, 9999.0, 1.0);
}

/// Checked values, one per parameter of the lesson.
#[derive(Clone, Debug, Default)]
pub struct Args {
    values: Vec<(&'static str, f64)>,
}

impl Args {
    /// Every parameter at its default.
    pub fn defaults(params: &[Param]) -> Args {
        Args { values: params.iter().map(|p| (p.id, p.default)).collect() }
    }

    /// The value of `id`. Lessons ask only for their own parameters; an unknown id is a bug
    /// in the lesson and reads as 0.
    pub fn get(&self, id: &str) -> f64 {
        self.values.iter().find(|(k, _)| *k == id).map_or(0.0, |(_, v)| *v)
    }

    /// A whole-number parameter (a count, a seed).
    pub fn count(&self, id: &str) -> u32 {
        self.get(id) as u32
    }

    /// A parameter in seconds, as a duration.
    pub fn secs(&self, id: &str) -> Duration {
        Duration::from_secs_f64(self.get(id).max(0.0))
    }
}

/// What is wrong with one value.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamError {
    /// The parameter's id.
    pub param: &'static str,
    /// A sentence for the learner, in the run's language.
    pub message: String,
}

fn number(x: f64) -> String {
    format!("{x}")
}

fn check_one(p: &Param, raw: &str, lang: Lang) -> Result<f64, String> {
    let tr = lang == Lang::Tr;
    let (min, max) = (number(p.min), number(p.max));
    let text = raw.trim();
    if text.is_empty() {
        return Err(if tr {
            format!("Boş bırakılamaz: {min} ile {max} arasında bir sayı girin.")
        } else {
            format!("Cannot be empty: enter a number from {min} to {max}.")
        });
    }
    // Turkish writes 0,4 for 0.4.
    let value = if text.chars().count() <= MAX_INPUT_CHARS { text.replace(',', ".").parse::<f64>().ok() } else { None };
    let Some(value) = value.filter(|v| v.is_finite()) else {
        let shown: String = text.chars().take(MAX_INPUT_CHARS).collect();
        return Err(if tr {
            format!("“{shown}” bir sayı değil.")
        } else {
            format!("“{shown}” is not a number.")
        });
    };
    if p.step == 1.0 && value.fract() != 0.0 {
        return Err(if tr { "Tam sayı olmalı.".into() } else { "Must be a whole number.".into() });
    }
    if !(p.min..=p.max).contains(&value) {
        return Err(if tr {
            format!("{min} ile {max} arasında olmalı.")
        } else {
            format!("Must be from {min} to {max}.")
        });
    }
    Ok(value)
}

/// Checks raw `(id, text)` pairs against `params`. Missing ones take their default; ids the
/// lesson does not have are ignored (the page reports those). All errors are returned, one
/// per field, so the page can show each next to its field.
pub fn check(params: &[Param], raw: &[(String, String)], lang: Lang) -> Result<Args, Vec<ParamError>> {
    let mut args = Args::defaults(params);
    let mut errors = Vec::new();
    for (slot, p) in args.values.iter_mut().zip(params) {
        let Some((_, text)) = raw.iter().find(|(id, _)| id == p.id) else { continue };
        match check_one(p, text, lang) {
            Ok(value) => slot.1 = value,
            Err(message) => errors.push(ParamError { param: p.id, message }),
        }
    }
    if errors.is_empty() {
        Ok(args)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Text = Text { tr: "", en: "" };
    const PARAMS: &[Param] = &[
        Param { id: "count", label: NONE, min: 1.0, max: 8.0, default: 3.0, step: 1.0, unit: NONE },
        Param { id: "delay", label: NONE, min: 0.1, max: 5.0, default: 1.0, step: 0.1, unit: NONE },
    ];

    fn raw(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn missing_values_take_their_defaults_and_good_ones_are_used() {
        let args = check(PARAMS, &raw(&[("delay", " 0,4 ")]), Lang::En).unwrap();
        assert_eq!(args.count("count"), 3);
        assert_eq!(args.get("delay"), 0.4);
        assert_eq!(args.secs("delay"), Duration::from_millis(400));
    }

    #[test]
    fn every_bad_value_gets_its_own_message_in_the_learners_language() {
        let errors = check(PARAMS, &raw(&[("count", "2.5"), ("delay", "")]), Lang::En).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].param, errors[0].message.as_str()), ("count", "Must be a whole number."));
        assert!(errors[1].message.starts_with("Cannot be empty"));
        let tr = check(PARAMS, &raw(&[("count", "99")]), Lang::Tr).unwrap_err();
        assert_eq!(tr[0].message, "1 ile 8 arasında olmalı.");
    }

    #[test]
    fn text_infinities_and_huge_inputs_are_not_numbers() {
        for bad in ["abc", "inf", "NaN", "1e400", &"9".repeat(100), "<b>1</b>"] {
            let errors = check(PARAMS, &raw(&[("delay", bad)]), Lang::En).unwrap_err();
            assert!(errors[0].message.contains("is not a number"), "{bad}: {}", errors[0].message);
        }
    }

    #[test]
    fn ids_the_lesson_does_not_have_are_ignored() {
        assert!(check(PARAMS, &raw(&[("nope", "x")]), Lang::En).is_ok());
    }
}
