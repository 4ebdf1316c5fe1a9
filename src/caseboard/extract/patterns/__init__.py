"""Rule grammars as data: entity-ruler patterns and cue lexicons (named, each with an example)."""
