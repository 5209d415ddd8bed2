"""Pure scheduling logic: time zones, validation, day grouping. No Flask, no database."""
