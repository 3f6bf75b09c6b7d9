package io.tr31.kcv; final class Placeholder { private Placeholder() {} }
