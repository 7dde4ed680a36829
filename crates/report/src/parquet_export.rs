//! Parquet export: one row per fact of every event (an event without facts
//! gets one row with a null attribute), with the event's columns repeated, so
//! that Spark, DuckDB or Polars can read the events and facts as one table.

use corroborate_model::{FactStatus, Report};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::sync::Arc;

/// The table's schema, in Parquet's message syntax.
pub const PARQUET_SCHEMA: &str = "message corroborate_facts {
    REQUIRED BYTE_ARRAY story (UTF8);
    REQUIRED BYTE_ARRAY event_id (UTF8);
    REQUIRED BYTE_ARRAY event_type (UTF8);
    OPTIONAL BYTE_ARRAY subtype (UTF8);
    OPTIONAL BYTE_ARRAY event_date (UTF8);
    OPTIONAL BYTE_ARRAY location (UTF8);
    OPTIONAL BYTE_ARRAY country (UTF8);
    OPTIONAL BYTE_ARRAY admin1 (UTF8);
    OPTIONAL DOUBLE latitude;
    OPTIONAL DOUBLE longitude;
    OPTIONAL INT64 geonames_id;
    REQUIRED INT64 mentions;
    OPTIONAL BYTE_ARRAY attribute (UTF8);
    OPTIONAL DOUBLE value_low;
    OPTIONAL DOUBLE value_best;
    OPTIONAL DOUBLE value_high;
    OPTIONAL BYTE_ARRAY unit (UTF8);
    OPTIONAL BYTE_ARRAY object (UTF8);
    OPTIONAL BYTE_ARRAY status (UTF8);
    OPTIONAL INT64 supporting;
    OPTIONAL INT64 conflicting;
    OPTIONAL BYTE_ARRAY evidence (UTF8);
}";

/// One column's values; `None` is null.
enum Column {
    Text(Vec<Option<String>>),
    Float(Vec<Option<f64>>),
    Int(Vec<Option<i64>>),
}

fn levels<T>(v: &[Option<T>]) -> Vec<i16> {
    v.iter().map(|x| i16::from(x.is_some())).collect()
}

/// Writes the report's events and facts as a Parquet file.
pub fn to_parquet(report: &Report) -> Result<Vec<u8>, ParquetError> {
    let mut cols: Vec<Column> = vec![
        Column::Text(Vec::new()),  // story
        Column::Text(Vec::new()),  // event_id
        Column::Text(Vec::new()),  // event_type
        Column::Text(Vec::new()),  // subtype
        Column::Text(Vec::new()),  // event_date
        Column::Text(Vec::new()),  // location
        Column::Text(Vec::new()),  // country
        Column::Text(Vec::new()),  // admin1
        Column::Float(Vec::new()), // latitude
        Column::Float(Vec::new()), // longitude
        Column::Int(Vec::new()),   // geonames_id
        Column::Int(Vec::new()),   // mentions
        Column::Text(Vec::new()),  // attribute
        Column::Float(Vec::new()), // value_low
        Column::Float(Vec::new()), // value_best
        Column::Float(Vec::new()), // value_high
        Column::Text(Vec::new()),  // unit
        Column::Text(Vec::new()),  // object
        Column::Text(Vec::new()),  // status
        Column::Int(Vec::new()),   // supporting
        Column::Int(Vec::new()),   // conflicting
        Column::Text(Vec::new()),  // evidence
    ];
    for s in &report.stories {
        for e in &s.events {
            let facts: Vec<Option<&corroborate_model::Fact>> = if e.facts.is_empty() {
                vec![None]
            } else {
                e.facts.iter().map(Some).collect()
            };
            for f in facts {
                let place = e.location.as_ref();
                let q = |k: &str| {
                    f.and_then(|f| f.qualifiers.get(k))
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                };
                let row: Vec<Cell> = vec![
                    Cell::T(Some(s.id.clone())),
                    Cell::T(Some(e.id.clone())),
                    Cell::T(Some(e.event_type.clone())),
                    Cell::T(e.subtype.clone()),
                    Cell::T(e.date.and_then(|d| d.best.or(d.low)).map(|d| d.to_string())),
                    Cell::T(place.map(|p| p.name.clone())),
                    Cell::T(place.and_then(|p| p.country.clone())),
                    Cell::T(place.and_then(|p| p.admin1.clone())),
                    Cell::F(place.and_then(|p| p.lat)),
                    Cell::F(place.and_then(|p| p.lon)),
                    Cell::I(place.and_then(|p| p.geonames_id).map(|g| g as i64)),
                    Cell::I(Some(e.mentions.len() as i64)),
                    Cell::T(f.map(|f| f.attribute.clone())),
                    Cell::F(f.and_then(|f| f.value.low)),
                    Cell::F(f.and_then(|f| f.value.best)),
                    Cell::F(f.and_then(|f| f.value.high)),
                    Cell::T(q("unit")),
                    Cell::T(q("object")),
                    Cell::T(f.map(|f| {
                        match f.status {
                            FactStatus::Corroborated => "corroborated",
                            FactStatus::Conflict => "conflict",
                            FactStatus::SingleSource => "single_source",
                        }
                        .to_owned()
                    })),
                    Cell::I(f.map(|f| f.support.len() as i64)),
                    Cell::I(f.map(|f| f.conflicting.len() as i64)),
                    Cell::T(
                        f.and_then(|f| f.support.first())
                            .map(|s| s.sentence.clone()),
                    ),
                ];
                for (c, v) in cols.iter_mut().zip(row) {
                    match (c, v) {
                        (Column::Text(c), Cell::T(v)) => c.push(v),
                        (Column::Float(c), Cell::F(v)) => c.push(v),
                        (Column::Int(c), Cell::I(v)) => c.push(v),
                        _ => return Err(ParquetError::General("column type mismatch".into())),
                    }
                }
            }
        }
    }
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA)?);
    let props = Arc::new(WriterProperties::builder().build());
    let mut out = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut out, schema, props)?;
    let mut group = writer.next_row_group()?;
    for col in &cols {
        let Some(mut w) = group.next_column()? else {
            break;
        };
        match col {
            Column::Text(v) => {
                let values: Vec<ByteArray> = v
                    .iter()
                    .flatten()
                    .map(|s| ByteArray::from(s.as_str()))
                    .collect();
                w.typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels(v)), None)?;
            }
            Column::Float(v) => {
                let values: Vec<f64> = v.iter().flatten().copied().collect();
                w.typed::<DoubleType>()
                    .write_batch(&values, Some(&levels(v)), None)?;
            }
            Column::Int(v) => {
                let values: Vec<i64> = v.iter().flatten().copied().collect();
                w.typed::<Int64Type>()
                    .write_batch(&values, Some(&levels(v)), None)?;
            }
        }
        w.close()?;
    }
    group.close()?;
    writer.close()?;
    Ok(out)
}

/// One cell of a row, by column type.
enum Cell {
    T(Option<String>),
    F(Option<f64>),
    I(Option<i64>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{ArticleId, Story};

    #[test]
    fn an_empty_report_is_a_valid_file() {
        let r = Report {
            version: "t".into(),
            articles: Vec::new(),
            stories: vec![Story {
                id: "s1".into(),
                title: String::new(),
                articles: vec![ArticleId("a".into())],
                independent_sources: 1,
                events: Vec::new(),
                alignment: Vec::new(),
                language_links: Vec::new(),
                discrepancies: Vec::new(),
            }],
        };
        let bytes = to_parquet(&r).unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
    }

    #[test]
    fn every_fact_is_a_row_a_reader_can_read() {
        use corroborate_model::{Event, Fact, Interval};
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let fact = |a: &str, v: f64| Fact {
            attribute: a.into(),
            value: Interval::exact(v),
            qualifiers: serde_json::Map::new(),
            status: FactStatus::SingleSource,
            support: Vec::new(),
            conflicting: Vec::new(),
            revisions: Vec::new(),
        };
        let event = Event {
            id: "s1e1".into(),
            event_type: "attack".into(),
            subtype: None,
            location: None,
            date: None,
            actors: Vec::new(),
            mentions: Vec::new(),
            facts: vec![fact("killed", 3.0), fact("injured", 12.0)],
        };
        let r = Report {
            version: "t".into(),
            articles: Vec::new(),
            stories: vec![Story {
                id: "s1".into(),
                title: String::new(),
                articles: Vec::new(),
                independent_sources: 1,
                events: vec![event],
                alignment: Vec::new(),
                language_links: Vec::new(),
                discrepancies: Vec::new(),
            }],
        };
        let bytes = to_parquet(&r).unwrap();
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        assert_eq!(
            reader
                .metadata()
                .file_metadata()
                .schema_descr()
                .num_columns(),
            22
        );
    }
}
