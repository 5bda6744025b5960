//! The direction of a sort, shared by the table (client-side sorting) and
//! the Graph query builder (`$orderby`).

/// Sort direction: ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

impl SortDir {
    /// `asc` or `desc` (as OData's `$orderby` and the URL spell it).
    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }
}
