package io.tr31.header; final class Placeholder { private Placeholder() {} }
