"""Open Referral HSDS 3.0 import and export, and the spreadsheet template (docs/hsds.md)."""
