package report

// Date is one date a report carries, with where it was read: a report
// page names its publication in several places (the portal's meta tag,
// an info line or table around the body, the CMS path, the signature
// under the body's name), and they need not agree.
type Date struct {
	Date   string     `json:"date"`          // YYYY-MM-DD
	Source DateSource `json:"source"`        // where it was read
	Raw    string     `json:"raw,omitempty"` // as printed (发布日期：2024-01-17, 二〇二四年一月十七日)
}

// DateSource says where a date was read, and so what it proves.
type DateSource string

// Date sources. The first ones date the publication itself; written and
// file_created come before it (a report is not published before it is
// written), fetched after it (the page was there when fetched).
const (
	DateMeta      DateSource = "meta"      // <meta name="PubDate"> of 《政府网站发展指引》, or an archive's 发布时间 header
	DatePage      DateSource = "page"      // an info line or cell around the body: 发布日期：, 公开日期, 时间：
	DateCMSTag    DateSource = "cms_tag"   // a CMS tag such as <publishtime>
	DateText      DateSource = "text"      // a date line at the head of the text (发布时间：…)
	DateURL       DateSource = "url"       // the CMS path of the page (…/t20250310_97791.htm)
	DateSignature DateSource = "signature" // the date under the body's name at the end of the report
	DateDelivered DateSource = "delivered" // a work report's delivery (在…上 2024年3月5日)

	DateWritten     DateSource = "written"      // 成文日期: the report was written then, published on or after it
	DateFileCreated DateSource = "file_created" // a PDF's or Word file's creation date: published on or after it
	DateFetched     DateSource = "fetched"      // the crawl's fetch: published on or before it
)

// Bound says what a date of this source proves about the publication:
// "" it is the day published, "not_before" the report was published on
// or after it, "not_after" on or before it.
func (s DateSource) Bound() string {
	switch s {
	case DateWritten, DateFileCreated:
		return "not_before"
	case DateFetched:
		return "not_after"
	}
	return ""
}

// PublishedSources are the sources that date the publication itself,
// in the order one is chosen as a report's published date.
func PublishedSources() []DateSource {
	return []DateSource{DateMeta, DatePage, DateCMSTag, DateText, DateURL, DateSignature, DateDelivered}
}
