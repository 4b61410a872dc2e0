"""Versioned clinical content: questions, rules and wording as data files."""
