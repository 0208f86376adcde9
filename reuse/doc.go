// Package reuse measures how much of a report repeats another: the
// character shingles of each section's prose (tables and heading lines,
// the template's own wording, left out), the share of a report's
// shingles found in the earlier report's section of the same number
// (containment), the Jaccard index of the two sets, and the copied
// passages as byte ranges of both texts. It is pure: texts in, scores
// out; the store keeps the scores of each body's consecutive reports.
package reuse
