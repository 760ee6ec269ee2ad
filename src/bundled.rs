//! The sample archive built into the binary: `sample-logs/` of the source, which the
//! reader opens when no folder is named and the current folder holds no day files. An
//! installed binary never looks for its checkout: the files are compiled in, and read by
//! the same parser as any folder's ([`crate::load::load_files`]).

/// One sample day file: its path below the archive and its bytes.
macro_rules! sample {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!("../sample-logs/", $path)) as &[u8],
        )
    };
}

/// Every file of `sample-logs/`, by path (a test holds this list to the folder).
pub static SAMPLES: &[(&str, &[u8])] = &[
    sample!("devarch/_posts/2018-03-04-chat.markdown"),
    sample!("devarch/_posts/2018-03-05-chat.markdown"),
    sample!("devarch/_posts/2018-03-06-chat.markdown"),
    sample!("devarch/_posts/2018-03-07-chat.markdown"),
    sample!("prodarch/_posts/2018-03-04-chat.markdown"),
    sample!("prodarch/_posts/2018-03-05-chat.markdown"),
    sample!("prodarch/_posts/2018-03-06-chat.markdown"),
    sample!("prodarch/_posts/2018-03-07-chat.markdown"),
    sample!("proddev/_posts/2017-05-06-chat.markdown"),
    sample!("proddev/_posts/2017-05-07-chat.markdown"),
    sample!("proddev/_posts/2017-06-23-chat.markdown"),
    sample!("proddev/_posts/2017-10-23-chat.markdown"),
    sample!("prodrd/_posts/2019-03-15-chat.markdown"),
    sample!("quirks/2019/04/2019-04-01-WeChat.md"),
    sample!("quirks/2019/04/2019-04-02-WeChat.md"),
];

/// How the samples are named where a folder's path would be shown, and the key their
/// remembered place is kept under.
pub const NAME: &str = "(the samples built into chatlog)";

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn every_sample_file_is_built_in_as_it_is() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
        let mut on_disk: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&folder)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&folder).unwrap();
                (
                    rel.to_str().unwrap().to_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        on_disk.sort();
        let built_in: Vec<(String, Vec<u8>)> = SAMPLES
            .iter()
            .map(|(p, b)| ((*p).to_owned(), b.to_vec()))
            .collect();
        assert_eq!(built_in, on_disk);
    }
}
