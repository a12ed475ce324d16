package com.example.money;

/** The application's own money type, used instead of a generated one. */
public record Money(String amount, String currency) {}
