"""Account pages: sign-up, profile and preferences, key dates and calendar feed, messages."""
