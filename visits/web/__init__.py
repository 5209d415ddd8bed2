"""What every blueprint's pages need, kept once: record choices for selects and public
links built without a request. (The languages are in `visits.languages`, the reader's
language in `visits.i18n`.)"""
