package com.example;

import com.example.billing.Billing;
import com.example.shipping.Shipping;

public final class Both {
  private Both() {}

  public static void main(String[] args) {
    System.out.println(Billing.builder().build().billing() + " " + Shipping.builder().build().shipping());
  }
}
