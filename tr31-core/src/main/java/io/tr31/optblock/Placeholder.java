package io.tr31.optblock; final class Placeholder { private Placeholder() {} }
