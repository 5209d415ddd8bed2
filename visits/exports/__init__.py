"""Pure renderers of feeds and programmes."""
