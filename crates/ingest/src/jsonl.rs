//! JSON Lines: one article object per line (`SPEC.md` §2).

use crate::IngestError;
use serde::Deserialize;

/// One JSON Lines record; every field optional but one of `text`/`html`.
#[derive(Debug, Deserialize)]
pub(crate) struct Record {
    pub id: Option<serde_json::Value>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub language: Option<String>,
}

/// Parses one line; blank lines give `Ok(None)`.
pub(crate) fn parse_line(line: &str, number: usize) -> Result<Option<Record>, IngestError> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let err = |message: String| IngestError::JsonLine {
        line: number,
        message,
    };
    let record: Record =
        serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    if record.text.as_deref().is_none_or(|t| t.trim().is_empty())
        && record.html.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        return Err(err("neither `text` nor `html` is given".into()));
    }
    Ok(Some(record))
}

impl Record {
    /// The `id` field as a string (numbers are accepted and written out).
    pub fn id_string(&self) -> Option<String> {
        match &self.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_need_text_or_html() {
        assert!(
            parse_line(r#"{"id": 7, "text": "Body"}"#, 1)
                .unwrap()
                .unwrap()
                .id_string()
                == Some("7".into())
        );
        assert!(parse_line("   ", 2).unwrap().is_none());
        let e = parse_line(r#"{"title": "x"}"#, 3).unwrap_err().to_string();
        assert_eq!(e, "line 3: neither `text` nor `html` is given");
        assert!(parse_line("{not json", 4)
            .unwrap_err()
            .to_string()
            .starts_with("line 4: invalid JSON"));
    }
}
