package com.oxidly.domain.delivery;

/** A message's parts after Liquid (and maybe the language model); any part may be null. */
record Rendered(String subject, String html, String text, boolean aiVariant) {}
