//! Fuzz target: any text, read as a marks file (`jauge-marks/1`) and as a procedure record file
//! (`jauge session --record`), must give the file or an error, never a panic; marks that read are
//! applied to a few offers, a record that reads is written back and must read again.
//! Run with `cargo xtask fuzz marks_record`.
#![no_main]

use jauge_engine::Offer;
use jauge_engine::offer::MarksFile;
use jauge_engine::session::Record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(marks) = MarksFile::from_json(text) {
        let mut offers = vec![Offer::named("Cité Connect SAS"), Offer::named("offre.json"), Offer::named("offre.json")];
        offers[0].supplier.name = "Cité Connect SAS".into();
        let _ = marks.apply(&mut offers);
    }
    if let Ok(record) = serde_json::from_str::<Record>(text) {
        let written = serde_json::to_string(&record).expect("a record read is written");
        let _: Record = serde_json::from_str(&written).expect("a record written reads again");
    }
});
